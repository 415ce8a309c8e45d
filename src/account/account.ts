import type { Tx } from "../db/database.ts";
import { users, type Role } from "./schema.ts";

export interface NewUser {
  email: string;
  name: string | null;
  /** Already hashed with Bun.password (argon2id): hashing is slow and must happen outside the write. */
  passwordHash: string;
  role: Role;
  staffId?: number;
  now: number;
}

export async function createUser(tx: Tx, user: NewUser): Promise<number> {
  const [row] = await tx
    .insert(users)
    .values({
      email: user.email.toLowerCase(),
      name: user.name,
      passwordHash: user.passwordHash,
      role: user.role,
      staffId: user.staffId ?? null,
      createdAt: user.now,
    })
    .returning({ id: users.id });
  if (!row) throw new Error("insert into users returned no row");
  return row.id;
}
