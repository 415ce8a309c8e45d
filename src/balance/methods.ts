/** How money came in for a sale or a top-up (recorded by staff; online = paid by link outside Zapis). */
export const MONEY_METHODS = ["cash", "card", "online"] as const;
export type MoneyMethod = (typeof MONEY_METHODS)[number];

/** A package or certificate may also be bought with what the client holds in the wallet. */
export const SALE_METHODS = [...MONEY_METHODS, "wallet"] as const;
export type SaleMethod = (typeof SALE_METHODS)[number];
