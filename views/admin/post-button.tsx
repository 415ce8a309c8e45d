import { Csrf, type AdminFrame } from "./admin-layout.tsx";

export interface PostButtonProps {
  frame: AdminFrame;
  action: string;
  label: string;
  /** Red for what cannot be undone from the same place (delete, revoke, block). */
  danger?: boolean;
  /** Hidden fields sent with the click. */
  fields?: Record<string, string>;
}

/** One action as one button: a POST form (with its CSRF token) that fits inside a row or a list item. */
export function PostButton({ frame, action, label, danger = false, fields = {} }: PostButtonProps) {
  return (
    <form method="post" action={action} class="inline">
      <Csrf token={frame.csrf} />
      {Object.entries(fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={danger ? "chip danger" : "chip"}>
        {label}
      </button>
    </form>
  );
}
