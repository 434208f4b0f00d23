import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Connector, PhoneNumber } from '../../../contract/agents-api.ts';
import { connectorListQuery } from '../../api/connectors.ts';
import { phoneNumberListQuery } from '../../api/phone-numbers.ts';
import { ErrorState, Loading } from '../../components/ui/states.tsx';
import { TelephonyHeader } from './telephony-header.tsx';

type Props = {
  agentId: string;
  what: string;
  children: (data: { connectors: Connector[]; numbers: PhoneNumber[] }) => ReactNode;
};

/** Both telephony pages need connectors and numbers (health checks read one against the other): loaded once, here. */
export function WithTelephony({ agentId, what, children }: Props) {
  const connectors = useQuery(connectorListQuery(agentId));
  const numbers = useQuery(phoneNumberListQuery(agentId));
  const error = connectors.error ?? numbers.error;
  return (
    <div className="space-y-4">
      <TelephonyHeader agentId={agentId} />
      {connectors.isPending || numbers.isPending ? (
        <Loading label={`Loading ${what}…`} />
      ) : error || !connectors.data || !numbers.data ? (
        <ErrorState
          title={`The ${what} could not be loaded`}
          error={error}
          onRetry={() => void Promise.all([connectors.refetch(), numbers.refetch()])}
        />
      ) : (
        children({ connectors: connectors.data.connectors, numbers: numbers.data.phoneNumbers })
      )}
    </div>
  );
}
