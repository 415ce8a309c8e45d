-- issue 20: a booking's money reads the wallet's refunds of that visit (src/payment/ledger.ts,
-- walletReturns: booking_id IN (...) AND type = ?) for every booking page, API answer and write.
-- The only index on booking_id, wallet_visit_once, is partial on type IN ('payment', 'refund'),
-- which SQLite cannot prove from a bound type, so the read scanned the whole wallet ledger: a
-- salon's every top-up and payment, on every booking read. Top-ups have no booking: left out.
CREATE INDEX wallet_transactions_booking ON wallet_transactions (booking_id) WHERE booking_id IS NOT NULL;
