import type { Checklist, SetupStep } from "../../../src/admin/setup/checklist.ts";
import { t } from "../../../src/i18n/i18n.ts";
import type { AdminFrame } from "../admin-layout.tsx";

/** Where each step is done in the admin (the link step points at the public booking page). */
const HREF: Record<SetupStep, (base: string, bookingPage: string) => string> = {
  hours: (base) => `${base}/schedules?owner=salon`,
  masters: (base) => `${base}/staff`,
  services: (base) => `${base}/catalogue/services/new`,
  link: (_, page) => page,
  notifications: (base) => `${base}/settings/channels`,
};

/** A new salon's way to its first booking, on top of the admin home until the salon is live. */
export function SetupChecklist({ frame, checklist, bookingPage }: { frame: AdminFrame; checklist: Checklist; bookingPage: string }) {
  const { locale, base } = frame;
  const done = checklist.steps.filter((s) => s.done).length;
  return (
    <section class="setup" aria-labelledby="setup-title">
      <h2 id="setup-title">{t(locale, "journal.checklist.title")}</h2>
      <p class="muted">{t(locale, "journal.checklist.lead", { done, total: checklist.steps.length })}</p>
      <ol>
        {checklist.steps.map(({ step, done }) => (
          <li class={done ? "done" : ""}>
            <span aria-hidden="true">{done ? "✓" : "○"}</span>{" "}
            <a href={HREF[step](base, bookingPage)}>{t(locale, `journal.checklist.${step}`, { url: bookingPage })}</a>
          </li>
        ))}
      </ol>
    </section>
  );
}
