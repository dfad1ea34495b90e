/**
 * The township a user works on: the one they chose (`users.active_township_id`) while they are still
 * a member of it, else their oldest membership ("oldest" is the lowest membership rowid). One SQL
 * expression, the rowid of that membership, read by `townshipRepository.activeFor` and by the update
 * envelope's read (plain SQL, with every update), so the two cannot choose differently.
 *
 * `userId` is SQL for the user's id: a parameter of the statement (`?2`) or an outer column.
 */
export const activeMembershipRowid = (userId: string): string =>
  `(SELECT am.rowid FROM memberships AS am LEFT JOIN users AS au ON au.id = am.user_id
    WHERE am.user_id = ${userId} ORDER BY (am.township_id IS au.active_township_id) DESC, am.rowid LIMIT 1)`;
