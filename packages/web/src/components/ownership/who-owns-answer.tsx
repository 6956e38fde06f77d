// One "who owns this?" answer: the owners, the sentence that explains it, and what decided it
// (the file and line, and the CODEOWNERS rule, selector, annotation or field that matched); the
// repository a path was answered for, the repositories an ambiguous path is in, and the problems of
// an entity the catalog rejected. An owner the catalog lacks is shown, never linked (no 404s).
import type { WhoOwnsAnswer as Answer, Owner, Provenance, WhoOwnsCandidate } from '../../api/catalog.ts';
import { Link } from '../../router.tsx';
import { Badge } from '../badge.tsx';
import { entityHref, shortRef } from '../catalog/entity-refs.ts';
import { OwnerLink } from '../catalog/team-names.tsx';

const sourceNames: Record<Provenance['source'], string> = {
  entity: 'Catalog entity',
  codeowners: 'CODEOWNERS',
  selector: 'Selector',
  annotation: 'Annotation',
  'label-convention': 'Naming convention',
};

export function WhoOwnsAnswer({ answer, compact = false }: { answer: Answer; compact?: boolean }) {
  return (
    <div className="answer" data-testid="who-owns-answer">
      <p className="answer__thing">
        <code>{answer.thing}</code> <Badge>{answer.kind}</Badge>
        {answer.rejected ? (
          <Badge tone="danger">rejected</Badge>
        ) : (
          !answer.owned && <Badge tone="danger">unowned</Badge>
        )}
        {answer.repository && (
          <span className="answer__repository">
            {' '}
            in <code>{answer.repository}</code>
          </span>
        )}
      </p>
      {answer.owners.length > 0 && <OwnerList owners={answer.owners} />}
      <p className="answer__explanation">{answer.explanation}</p>
      {answer.repositories && answer.repositories.length > 0 && (
        <ul className="answer__repositories" aria-label="Repositories with this path">
          {answer.repositories.map((repository) => (
            <li key={repository}>
              <code>{repository}</code>
            </li>
          ))}
        </ul>
      )}
      {answer.rejected && <RejectedProblems problems={answer.rejected.problems} />}
      {answer.decidedBy && <DecidedBy provenance={answer.decidedBy} />}
      {!compact && answer.candidates && answer.candidates.length > 0 && (
        <Candidates candidates={answer.candidates} />
      )}
    </div>
  );
}

function OwnerList({ owners }: { owners: Owner[] }) {
  return (
    <ul className="answer__owners" aria-label="Owners">
      {owners.map((owner) => (
        <li key={owner.ref ?? owner.codeowner ?? owner.name} className="answer__owner">
          {owner.ref && owner.inCatalog !== false ? (
            <OwnerLink owner={owner.ref} className="answer__owner-name" />
          ) : (
            <span className="answer__owner-name">{owner.ref ?? owner.name ?? owner.codeowner}</span>
          )}
          {owner.codeowner && <code className="answer__codeowner">{owner.codeowner}</code>}
          <Badge tone={owner.role === 'primary' || owner.role === 'codeowner' ? 'accent' : 'neutral'}>
            {owner.role}
          </Badge>
          {(!owner.ref || owner.inCatalog === false) && <Badge tone="warning">not in this catalog</Badge>}
        </li>
      ))}
    </ul>
  );
}

/** The errors that kept an entity out of the catalog, each at file:line:col. */
export function RejectedProblems({ problems }: { problems: NonNullable<Answer['rejected']>['problems'] }) {
  return (
    <ul className="problem__fields" aria-label="Why it was rejected">
      {problems.map((problem) => (
        <li key={`${problem.file}:${problem.line}:${problem.column}:${problem.code}`}>
          <code className="location">
            {problem.file}:{problem.line}:{problem.column}
          </code>{' '}
          {problem.message}
        </li>
      ))}
    </ul>
  );
}

function DecidedBy({ provenance }: { provenance: Provenance }) {
  const where = [provenance.file, provenance.line, provenance.column].filter((part) => part !== undefined);
  return (
    <dl className="provenance" aria-label="What decided">
      <dt>Decided by</dt>
      <dd>{sourceNames[provenance.source]}</dd>
      <dt>Where</dt>
      <dd>
        <code className="location">{where.join(':')}</code>
      </dd>
      <dt>Rule</dt>
      <dd>
        <code className="provenance__rule">{provenance.rule}</code>
      </dd>
      {provenance.entity && (
        <>
          <dt>Entity</dt>
          <dd>
            <Link href={entityHref(provenance.entity)}>
              {shortRef(provenance.entity, { withKind: true })}
            </Link>
          </dd>
        </>
      )}
      {provenance.mapped && provenance.mapped.length > 0 && (
        <>
          <dt>Mapped</dt>
          <dd>
            <ul className="provenance__mapped">
              {provenance.mapped.map((mapping) => (
                <li key={mapping.from}>
                  <code>{mapping.from}</code> →{' '}
                  {mapping.to ? (
                    <OwnerLink owner={mapping.to} />
                  ) : (
                    <Badge tone="warning">no catalog match</Badge>
                  )}{' '}
                  <span className="muted">by {mapping.by}</span>
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}

function Candidates({ candidates }: { candidates: WhoOwnsCandidate[] }) {
  return (
    <details className="candidates">
      <summary>
        {candidates.length} other {candidates.length === 1 ? 'match' : 'matches'} that lost
      </summary>
      <ul className="candidates__list">
        {candidates.map((candidate) => (
          <li key={`${candidate.decidedBy.file}:${candidate.decidedBy.line}:${candidate.decidedBy.rule}`}>
            <p className="candidates__reason">{candidate.reason}</p>
            <OwnerList owners={candidate.owners} />
            <DecidedBy provenance={candidate.decidedBy} />
          </li>
        ))}
      </ul>
    </details>
  );
}
