/** Above a page's heading: which agent it is about, by name where known, with its ID beside it. */
export function AgentEyebrow({
  agentId,
  name,
  as: Tag = 'p',
}: {
  agentId: string;
  name: string | undefined;
  as?: 'p' | 'span';
}) {
  return (
    <Tag className="text-xs text-slate-600 dark:text-slate-400">
      {name && <span className="mr-1.5 font-medium text-slate-700 dark:text-slate-300">{name}</span>}
      <span className="font-mono">{agentId}</span>
    </Tag>
  );
}
