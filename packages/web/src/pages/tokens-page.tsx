// The signed-in user's API tokens: what exists, creating one (its secret shown once), revoking.
import { useState } from 'react';
import type { ApiError } from '../api/http.ts';
import { type CreatedToken, listTokens, listUsers, revokeToken, type Token } from '../api/identity.ts';
import { asApiError, useResource } from '../api/use-resource.ts';
import { Badge } from '../components/badge.tsx';
import { CreateTokenForm, scopesByRole } from '../components/create-token-form.tsx';
import { type Column, DataTable } from '../components/data-table.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { formatAgo, formatDate } from '../components/time-format.ts';
import { TokenSecret } from '../components/token-secret.tsx';
import { useSession } from '../session/session-context.tsx';

export function TokensPage() {
  const { user } = useSession();
  const tokens = useResource('tokens', listTokens);
  const isAdmin = user.role === 'admin';
  // Admins may create tokens for others: everyone but themselves (that is the default).
  const owners = useResource(`token-owners:${isAdmin}`, async () =>
    isAdmin
      ? (await listUsers()).filter((person) => person.handle !== user.handle && !person.disabledAt)
      : [],
  );
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revokeError, setRevokeError] = useState<ApiError | null>(null);

  const revoke = async (token: Token) => {
    if (!window.confirm(`Revoke “${token.name}”? Anything using it stops working at once.`)) return;
    setRevokeError(null);
    try {
      await revokeToken(token.id);
      tokens.reload();
    } catch (caught) {
      setRevokeError(asApiError(caught));
    }
  };

  return (
    <>
      <PageHeader
        title="API tokens"
        subtitle="Tokens let scripts, CI and the steward CLI act for you. A token can do at most what you can."
      />
      {created && <TokenSecret token={created} onDismiss={() => setCreated(null)} />}
      <CreateTokenForm
        scopes={scopesByRole[user.role] ?? ['read']}
        owners={isAdmin ? owners.data : undefined}
        onCreated={(token) => {
          setCreated(token);
          tokens.reload();
        }}
      />
      {revokeError && <ProblemMessage error={revokeError} />}
      {isAdmin && (
        <p className="muted">
          As an admin you see everyone's tokens, with whom each acts for, and may revoke any.
        </p>
      )}
      <ResourceView resource={tokens} label="tokens">
        {(list) => <TokenTable tokens={list} onRevoke={revoke} showOwner={isAdmin} />}
      </ResourceView>
    </>
  );
}

interface TokenTableProps {
  tokens: Token[];
  onRevoke: (token: Token) => void;
  /** For admins, who see everyone's tokens. */
  showOwner: boolean;
}

function TokenTable({ tokens, onRevoke, showOwner }: TokenTableProps) {
  if (tokens.length === 0) return <p className="empty">You have no API tokens yet.</p>;
  const columns: Column<Token>[] = [
    {
      id: 'name',
      header: 'Name',
      sortValue: (token) => token.name,
      cell: (token) => (
        <>
          <strong>{token.name}</strong> {token.revokedAt && <Badge tone="danger">revoked</Badge>}
        </>
      ),
    },
    ...(showOwner
      ? [
          {
            id: 'owner',
            header: 'Owner',
            sortValue: (token: Token) => token.owner,
            cell: (token: Token) => token.owner,
          },
        ]
      : []),
    {
      id: 'scopes',
      header: 'Scopes',
      sortValue: (token) => token.scopes.join(' '),
      cell: (token) =>
        token.scopes.map((scope) => (
          <Badge key={scope} tone={scope === 'admin' ? 'danger' : 'neutral'}>
            {scope}
          </Badge>
        )),
    },
    {
      id: 'created',
      header: 'Created',
      sortValue: (token) => token.createdAt,
      cell: (token) => formatDate(token.createdAt),
    },
    {
      id: 'expires',
      header: 'Expires',
      sortValue: (token) => token.expiresAt,
      cell: (token) => (token.expiresAt ? formatDate(token.expiresAt) : 'never'),
    },
    {
      id: 'last-used',
      header: 'Last used',
      sortValue: (token) => token.lastUsedAt,
      cell: (token) => (token.lastUsedAt ? formatAgo(token.lastUsedAt) : 'never'),
    },
    {
      id: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'table__actions',
      cell: (token) =>
        !token.revokedAt && (
          <button
            type="button"
            className="button button--danger-ghost"
            aria-label={`Revoke ${token.name}`}
            onClick={() => onRevoke(token)}
          >
            Revoke
          </button>
        ),
    },
  ];
  return (
    <DataTable
      label="API tokens"
      columns={columns}
      rows={tokens}
      rowKey={(token) => token.id}
      rowClassName={(token) => (token.revokedAt ? 'table__row--muted' : undefined)}
    />
  );
}
