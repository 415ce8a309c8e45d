/**
 * Each domain module owns its messages in all three languages (`src/<noun>/messages.ts`); English is
 * the source, and the compiler demands the same keys in Russian and Kazakh.
 */
export function defineMessages<const E extends Record<string, string>>(messages: {
  en: E;
  ru: Record<keyof E, string>;
  kk: Record<keyof E, string>;
}) {
  return messages;
}
