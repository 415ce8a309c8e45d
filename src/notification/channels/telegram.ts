import { networkOutcome, PROVIDER_TIMEOUT_MS, type SendOutcome } from "./outcome.ts";

/** The Bot API's answer envelope. */
interface BotAnswer {
  ok: boolean;
  result?: { message_id?: number };
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

/** Sends a text through the salon's bot (`POST {base}/bot<token>/sendMessage`). */
export async function sendTelegram(baseUrl: string, botToken: string, chatId: string, text: string): Promise<SendOutcome> {
  let answer: BotAnswer;
  try {
    const response = await fetch(`${baseUrl}/bot${botToken}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: chatId, text, link_preview_options: { is_disabled: true } }),
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
    if (response.status >= 500) return { kind: "retry", error: `telegram: HTTP ${response.status}` };
    answer = (await response.json()) as BotAnswer;
  } catch (error) {
    return networkOutcome("telegram", error);
  }
  if (answer.ok) return { kind: "sent", providerMessageId: answer.result?.message_id?.toString() ?? null, alert: "clear" };
  const code = answer.error_code ?? 0;
  const error = `telegram ${code}: ${(answer.description ?? "").slice(0, 200)}`;
  if (code === 429) return { kind: "retry", error, retryAfterMs: (answer.parameters?.retry_after ?? 30) * 1000 };
  if (code === 401 || code === 404) return { kind: "failed", error, alert: { key: "notification.alert.telegram_token" } };
  // 403: the client blocked the bot; 400 "chat not found": the chat is gone. Both are the client's.
  if (code === 403 || code === 400) return { kind: "failed", error, recipient: true };
  return { kind: "failed", error };
}
