import type { ChangeRequest } from '../../../contract/change-requests.ts';
import { Badge } from '../../components/ui/badge.tsx';

/** Where a request stands, in words: approvals counted, stale, applied, declined. */
export function StatusBadge({ request }: { request: ChangeRequest }) {
  switch (request.status) {
    case 'applied':
      return <Badge tone="good">Applied</Badge>;
    case 'declined':
      return <Badge tone="bad">Declined</Badge>;
    case 'withdrawn':
      return <Badge>Withdrawn</Badge>;
    case 'applying':
      return <Badge tone="info">Being applied</Badge>;
    case 'open':
      if (request.staleAt) return <Badge tone="warn">Page changed since: needs a rebase</Badge>;
      return request.approvedBy.length >= request.approvalsNeeded ? (
        <Badge tone="good">Approved: ready to apply</Badge>
      ) : (
        <Badge tone="warn">
          {request.approvedBy.length} of {request.approvalsNeeded} approvals
        </Badge>
      );
  }
}
