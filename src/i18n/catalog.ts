// Every domain's messages, merged into one catalog per language. A new domain adds one line here.
import { coreMessages } from "./core.ts";

export const MESSAGE_PARTS = [coreMessages] as const;
