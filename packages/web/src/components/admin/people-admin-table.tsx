// Everyone, with what an admin changes about them in place: role, whether they may sign in, and a
// password reset.
import type { Role, User } from '../../api/identity.ts';
import { Link } from '../../router.tsx';
import { Badge } from '../badge.tsx';
import { type Column, DataTable } from '../data-table.tsx';
import { RoleSelect } from './role-select.tsx';

export interface PersonActions {
  setRole: (user: User, role: Role) => void;
  setDisabled: (user: User, disabled: boolean) => void;
  resetPassword: (user: User) => void;
}

interface PeopleAdminTableProps {
  users: User[];
  /** The signed-in admin: they change their own password on their own page, not here. */
  me: string;
  busy: string | null;
  actions: PersonActions;
}

export function PeopleAdminTable({ users, me, busy, actions }: PeopleAdminTableProps) {
  const columns: Column<User>[] = [
    {
      id: 'name',
      header: 'Person',
      sortValue: (user) => user.name,
      cell: (user) => (
        <>
          <Link href={`/people/${encodeURIComponent(user.handle)}`}>{user.name}</Link>{' '}
          <span className="muted">{user.handle}</span>
        </>
      ),
    },
    {
      id: 'role',
      header: 'Role',
      sortValue: (user) => user.role,
      cell: (user) => (
        <RoleSelect
          label={`Role of ${user.name}`}
          hideLabel
          compact
          value={user.role}
          disabled={busy !== null}
          onChange={(role) => actions.setRole(user, role)}
        />
      ),
    },
    {
      id: 'status',
      header: 'Status',
      sortValue: (user) => (user.disabledAt ? 'disabled' : 'active'),
      cell: (user) =>
        user.disabledAt ? <Badge tone="danger">disabled</Badge> : <Badge tone="success">active</Badge>,
    },
    {
      id: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'table__actions',
      cell: (user) => (
        <>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy !== null}
            aria-label={`${user.disabledAt ? 'Enable' : 'Disable'} ${user.name}`}
            onClick={() => actions.setDisabled(user, !user.disabledAt)}
          >
            {user.disabledAt ? 'Enable' : 'Disable'}
          </button>{' '}
          {user.handle !== me && (
            <button
              type="button"
              className="button button--secondary"
              disabled={busy !== null}
              aria-label={`Reset password of ${user.name}`}
              onClick={() => actions.resetPassword(user)}
            >
              Reset password
            </button>
          )}
        </>
      ),
    },
  ];
  return (
    <DataTable
      label="Accounts"
      columns={columns}
      rows={users}
      rowKey={(user) => user.id}
      rowClassName={(user) => (user.disabledAt ? 'table__row--muted' : undefined)}
      initialSort={{ column: 'name', direction: 'ascending' }}
    />
  );
}
