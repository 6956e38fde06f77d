// The signed-in user's API tokens: what exists, creating one (its secret shown once), revoking.
import { useState } from 'react';
import type { ApiError } from '../api/http.ts';
import { type CreatedToken, listTokens, revokeToken, type Scope, type Token } from '../api/identity.ts';
import { asApiError, useResource } from '../api/use-resource.ts';
import { Badge } from '../components/badge.tsx';
import { CreateTokenForm } from '../components/create-token-form.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { formatAgo, formatDate } from '../components/time-format.ts';
import { TokenSecret } from '../components/token-secret.tsx';
import { useSession } from '../session/session-context.tsx';

const scopesByRole: Record<string, Scope[]> = {
  admin: ['read', 'write', 'admin'],
  member: ['read', 'write'],
  viewer: ['read'],
};

export function TokensPage() {
  const { user } = useSession();
  const tokens = useResource('tokens', listTokens);
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
        onCreated={(token) => {
          setCreated(token);
          tokens.reload();
        }}
      />
      {revokeError && <ProblemMessage error={revokeError} />}
      <ResourceView resource={tokens} label="tokens">
        {(list) => <TokenTable tokens={list} onRevoke={revoke} />}
      </ResourceView>
    </>
  );
}

function TokenTable({ tokens, onRevoke }: { tokens: Token[]; onRevoke: (token: Token) => void }) {
  if (tokens.length === 0) return <p className="empty">You have no API tokens yet.</p>;
  return (
    <div className="card card--flush table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} className={token.revokedAt ? 'table__row--muted' : undefined}>
              <td>
                <strong>{token.name}</strong> {token.revokedAt && <Badge tone="danger">revoked</Badge>}
              </td>
              <td>
                {token.scopes.map((scope) => (
                  <Badge key={scope} tone={scope === 'admin' ? 'danger' : 'neutral'}>
                    {scope}
                  </Badge>
                ))}
              </td>
              <td>{formatDate(token.createdAt)}</td>
              <td>{token.expiresAt ? formatDate(token.expiresAt) : 'never'}</td>
              <td>{token.lastUsedAt ? formatAgo(token.lastUsedAt) : 'never'}</td>
              <td className="table__actions">
                {!token.revokedAt && (
                  <button
                    type="button"
                    className="button button--danger-ghost"
                    onClick={() => onRevoke(token)}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
