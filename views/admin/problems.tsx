import type { Problem } from "../../src/error/app-error.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";

/** A form's problems, translated; shown above the form and read out by screen readers. */
export function Problems({ locale, problems }: { locale: Locale; problems?: Problem[] | undefined }) {
  if (!problems || problems.length === 0) return null;
  return (
    <div class="alert" role="alert">
      <ul>
        {problems.map((p) => (
          <li>{t(locale, p.key, p.params)}</li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({ text }: { text?: string | undefined }) {
  return text ? (
    <p class="notice success" role="status">
      {text}
    </p>
  ) : null;
}
