import { NavLink } from 'react-router';
import { useAgentName } from '../../api/agents.ts';
import { AgentEyebrow } from '../../components/ui/agent-eyebrow.tsx';
import { NumberLookup } from './number-lookup.tsx';
import { paths } from '../../lib/paths.ts';

const tabClass = ({ isActive }: { isActive: boolean }) =>
  `border-b-2 px-3 py-2 text-sm font-medium ${
    isActive
      ? 'border-brand-600 text-slate-900 dark:text-white'
      : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'
  }`;

/** Title, the Connectors / Phone numbers tabs, and the number lookup every support question starts with. */
export function TelephonyHeader({ agentId }: { agentId: string }) {
  const agentName = useAgentName(agentId);
  return (
    <header className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <AgentEyebrow agentId={agentId} name={agentName} />
          <h1 className="text-2xl font-semibold tracking-tight">Telephony</h1>
        </div>
        <NumberLookup agentId={agentId} />
      </div>
      <nav aria-label="Telephony" className="flex gap-2 border-b border-slate-200 dark:border-slate-800">
        <NavLink end to={paths.connectors(agentId)} className={tabClass}>
          Connectors
        </NavLink>
        <NavLink to={paths.phoneNumbers(agentId)} className={tabClass}>
          Phone numbers
        </NavLink>
      </nav>
    </header>
  );
}
