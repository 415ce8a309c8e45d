import { t, type Locale } from "../../src/i18n/i18n.ts";

export interface EmailProps {
  locale: Locale;
  salon: string;
  subject: string;
  /** The plain-text body; blank lines separate paragraphs. */
  text: string;
  manageUrl: string | null;
  optOutUrl: string;
}

// Mail clients ignore <style> blocks and external CSS unevenly: inline styles only.
const BOX = "max-width:560px;margin:0 auto;padding:24px;font:16px/1.5 -apple-system,Segoe UI,Roboto,Arial,sans-serif;color:#1f2328";
const BUTTON = "display:inline-block;padding:12px 20px;border-radius:8px;background:#2f6f5e;color:#fff;text-decoration:none;font-weight:600";
const FOOT = "margin-top:32px;font-size:13px;color:#667085";

/** The HTML twin of a notification's text: same words, paragraphs, a button for the booking link. */
export function EmailMessage(props: EmailProps) {
  const paragraphs = props.text.split(/\n{2,}/);
  return (
    <html lang={props.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.subject}</title>
      </head>
      <body style="margin:0;background:#f6f7f9">
        <div style={BOX}>
          <h1 style="font-size:20px;margin:0 0 16px">{props.salon}</h1>
          {paragraphs.map((p) => (
            <p>
              {p.split("\n").map((line, i) => (
                <>
                  {i > 0 ? <br /> : null}
                  {line}
                </>
              ))}
            </p>
          ))}
          {props.manageUrl ? (
            <p>
              <a href={props.manageUrl} style={BUTTON}>
                {t(props.locale, "notification.email.manage")}
              </a>
            </p>
          ) : null}
          <p style={FOOT}>
            {t(props.locale, "notification.email.why", { salon: props.salon })}{" "}
            <a href={props.optOutUrl} style="color:#667085">
              {t(props.locale, "notification.email.unsubscribe")}
            </a>
          </p>
        </div>
      </body>
    </html>
  );
}

export async function renderEmailHtml(props: EmailProps): Promise<string> {
  return `<!doctype html>${await (<EmailMessage {...props} />).toString()}`;
}
