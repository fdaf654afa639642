-- A refresh's lease on its grant, so that one instance at a time calls Webex for it without
-- holding a row lock (or any connection) across that call: claimed by a conditional UPDATE,
-- given back by the UPDATE that stores the new tokens (or by the failed refresh), and judged
-- against the database's clock. A crashed instance's lease simply runs out.
ALTER TABLE webex_grant ADD COLUMN refresh_lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE webex_grant ADD COLUMN refresh_lease_owner VARCHAR(64);
