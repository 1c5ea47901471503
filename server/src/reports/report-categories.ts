import { z } from 'zod';
import type { SessionUser } from '../auth/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ReportCategory } from '../contract/cases.ts';
import type { Database, Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';

const LIST_CATEGORIES = sqlFile(import.meta.url, 'list-categories.sql');
const LOCK_CATEGORY = sqlFile(import.meta.url, 'lock-category.sql');
const UPDATE_CATEGORY = sqlFile(import.meta.url, 'update-category.sql');
const CATEGORY_NAME_TAKEN = sqlFile(import.meta.url, 'category-name-taken.sql');

interface CategoryRow {
  id: string;
  name: string;
  accept_days: number;
  close_days: number;
  active: boolean;
}

/** A category as admins see it: the public one and whether reports may choose it. */
export interface EditableCategory extends ReportCategory {
  active: boolean;
}

/** PUT /api/report-categories/:id: any of the fields; the rest stay. */
export const categoryUpdate = z
  .strictObject({
    name: z.string().trim().min(1, 'name: 1 to 20 characters').max(20, 'name: 1 to 20 characters'),
    acceptDays: z.number().int().min(1).max(30),
    closeDays: z.number().int().min(1).max(90),
    active: z.boolean(),
  })
  .partial();
export type CategoryUpdate = z.infer<typeof categoryUpdate>;

export async function listCategories(db: Queryable, includeInactive = false): Promise<EditableCategory[]> {
  return (await db.query<CategoryRow>(LIST_CATEGORIES, [includeInactive])).map(fromRow);
}

/** The public shape: no `active` (only active ones are listed). */
export function publicCategory({ id, name, acceptDays, closeDays }: EditableCategory): ReportCategory {
  return { id, name, acceptDays, closeDays };
}

/** Applies an admin's change in one transaction with its audit entry. */
export async function updateCategory(
  db: Database,
  id: string,
  change: CategoryUpdate,
  actor: SessionUser,
  ip: string | undefined,
): Promise<EditableCategory> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<CategoryRow>(LOCK_CATEGORY, [id]);
    if (!row) throw new HttpError(404, 'UNKNOWN_CATEGORY', `没有这个问题类别 (no category ${id}): see GET /api/report-categories`);
    const before = fromRow(row);
    const after: EditableCategory = { ...before, ...change };
    if (after.closeDays < after.acceptDays) {
      throw new HttpError(
        422,
        'BAD_VALUE',
        `办结时限不能短于受理时限 (closeDays ${after.closeDays} is shorter than acceptDays ${after.acceptDays}): raise closeDays`,
      );
    }
    if (after.name !== before.name && (await tx.query(CATEGORY_NAME_TAKEN, [id, after.name])).length > 0) {
      throw new HttpError(409, 'DUPLICATE', `已有同名类别 (another category is named ${after.name}): choose another name`);
    }
    const [saved] = await tx.query<CategoryRow>(UPDATE_CATEGORY, [id, after.name, after.acceptDays, after.closeDays, after.active]);
    await recordAudit(tx, {
      actor,
      action: 'category.update',
      entity: 'category',
      entityIds: [id],
      details: { before: changed(before, change), after: change },
      ip,
    });
    return fromRow(saved!);
  });
}

/** The fields of `before` that the change names. */
function changed(before: EditableCategory, change: CategoryUpdate): Partial<EditableCategory> {
  return Object.fromEntries(Object.keys(change).map((k) => [k, before[k as keyof EditableCategory]]));
}

function fromRow(r: CategoryRow): EditableCategory {
  return { id: r.id, name: r.name, acceptDays: r.accept_days, closeDays: r.close_days, active: r.active };
}
