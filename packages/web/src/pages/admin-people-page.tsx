// Admins manage people here: add someone (their first password shown once), change a role, disable
// or enable them, reset a password (shown once; their sessions and tokens end).
import { useState } from 'react';
import type { ApiError } from '../api/http.ts';
import { listUsers, type Role, resetPassword, type User, updateUser } from '../api/identity.ts';
import { asApiError, useResource } from '../api/use-resource.ts';
import { AdminsOnly } from '../components/admin/admins-only.tsx';
import { NewPersonForm } from '../components/admin/new-person-form.tsx';
import { PeopleAdminTable, type PersonActions } from '../components/admin/people-admin-table.tsx';
import { ShownOnce } from '../components/admin/shown-once.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { useSession } from '../session/session-context.tsx';

interface Shown {
  title: string;
  note: string;
  password: string;
}

export function AdminPeoplePage() {
  return (
    <AdminsOnly title="Managing people">
      <ManagePeople />
    </AdminsOnly>
  );
}

function ManagePeople() {
  const { user: me } = useSession();
  const users = useResource('admin-users', listUsers);
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async (who: User, change: () => Promise<void>) => {
    setBusy(who.handle);
    setError(null);
    try {
      await change();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(null);
      users.reload();
    }
  };

  const actions: PersonActions = {
    setRole: (user, role: Role) => run(user, async () => void (await updateUser(user.handle, { role }))),
    setDisabled: (user, disabled) => {
      const question = `Disable ${user.name}? They are signed out at once and their API tokens stop working.`;
      if (disabled && !window.confirm(question)) return;
      void run(user, async () => void (await updateUser(user.handle, { disabled })));
    },
    resetPassword: (user) => {
      const question = `Reset the password of ${user.name}? They are signed out everywhere and their API tokens are revoked.`;
      if (!window.confirm(question)) return;
      void run(user, async () => {
        const { password } = await resetPassword(user.handle);
        setShown({
          title: `New password for ${user.name}`,
          note: `Give it to ${user.name} by a private channel; they can change it on their own page.`,
          password,
        });
      });
    },
  };

  return (
    <>
      <PageHeader
        title="Accounts"
        subtitle="Add people, set their role, disable them, or reset a forgotten password."
      />
      {shown && (
        <ShownOnce
          title={shown.title}
          note={shown.note}
          secret={shown.password}
          onDismiss={() => setShown(null)}
        />
      )}
      <NewPersonForm
        onCreated={(user, password) => {
          setShown({
            title: `${user.name} added`,
            note: `This is ${user.name}'s first password (handle ${user.handle}); give it to them by a private channel.`,
            password,
          });
          users.reload();
        }}
      />
      {error && <ProblemMessage error={error} />}
      <h2 className="section-title">People</h2>
      <ResourceView resource={users} label="people">
        {(list) => <PeopleAdminTable users={list} me={me.handle} busy={busy} actions={actions} />}
      </ResourceView>
    </>
  );
}
