import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/http.ts';
import { postmortemConflictOf } from './postmortem-conflict.ts';

describe('a postmortem save refused by a newer version', () => {
  it('reads the current version, text and editor from the 409', () => {
    const error = new ApiError(409, 'Conflict', 'the postmortem is at version 3', [], {
      currentVersion: 3,
      markdown: '# Theirs',
      updatedBy: 'noah',
    });
    expect(postmortemConflictOf(error)).toEqual({ version: 3, markdown: '# Theirs', updatedBy: 'noah' });
  });

  it('is no conflict of that kind for other answers', () => {
    expect(postmortemConflictOf(new ApiError(409, 'Conflict', 'incident is active'))).toBeNull();
    expect(
      postmortemConflictOf(new ApiError(400, 'Invalid', 'x', [], { currentVersion: 3, markdown: '' })),
    ).toBeNull();
    expect(postmortemConflictOf(new Error('network'))).toBeNull();
  });
});
