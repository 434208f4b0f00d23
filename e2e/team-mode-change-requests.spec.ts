/**
 * Four eyes on live, as two people do it: an admin requires approval for live; an editor's save becomes a change
 * request they cannot approve themselves; a colleague sees it in the navigation, reviews it against live as it is
 * now, approves and applies it; the history holds every step. Two browser contexts are two people. Word of it goes to
 * a webhook receiver started by the test.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { TEAM_ADMIN } from '../playwright.config.ts';
import { expectAccessible } from './axe.ts';

const DEMO = 'PROJECT-HARBOURVIEW';

async function person(browser: Browser, email: string, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(path);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  return page;
}

/**
 * A telephony journey under a rule for the demo agent's live (one approval): the admin signed in, `editor` an editor of
 * the agent; the rule is lifted afterwards whatever happens.
 */
async function underLiveRule(browser: Browser, editor: string, journey: (admin: Page) => Promise<void>) {
  const admin = await person(browser, TEAM_ADMIN, '/members');
  expect(
    (
      await admin.request.put(`/api/members/${editor}`, {
        data: { admin: false, grants: [{ role: 'editor', agentId: DEMO }] },
      })
    ).ok(),
  ).toBe(true);
  expect(
    (
      await admin.request.put('/api/settings/change-policies', {
        data: { policies: [{ agentId: DEMO, clientEnv: 'live', approvals: 1 }] },
      })
    ).ok(),
  ).toBe(true);
  try {
    await journey(admin);
  } finally {
    expect((await admin.request.put('/api/settings/change-policies', { data: { policies: [] } })).ok()).toBe(true);
  }
}

test('a change to live waits for a colleague’s approval, then is applied once and recorded step by step', async ({
  browser,
}) => {
  const admin = await person(browser, TEAM_ADMIN, '/members');
  for (const email of ['ana@example.com', 'ben@example.com']) {
    expect(
      (
        await admin.request.put(`/api/members/${email}`, {
          data: { admin: false, grants: [{ role: 'editor', agentId: DEMO }] },
        })
      ).ok(),
    ).toBe(true);
  }
  // The admin requires one approval for live.
  await admin.getByRole('button', { name: 'Add a rule' }).click();
  await admin.getByLabel('Agent of rule 1').selectOption({ label: 'of Harbourview Hotel Concierge' });
  await admin.getByRole('button', { name: 'Save approval rules' }).click();
  await expect(admin.getByRole('button', { name: 'Save approval rules' })).toBeDisabled();
  await expect(
    admin.getByRole('status').filter({
      hasText: 'Approval rules saved: Live of Harbourview Hotel Concierge needs 1 approval.',
    }),
  ).toBeFocused();

  try {
    // Ana's save to live becomes a request.
    const ana = await person(browser, 'ana@example.com', `/agents/${DEMO}/configs/live`);
    await expect(
      ana.getByText('Changes here need 1 approval: requesting approval opens a change request.'),
    ).toBeVisible();
    await expect(
      ana.getByText(/nothing reaches callers until your change request is approved and applied/),
    ).toBeVisible();
    await ana.getByLabel('Persona name').fill('Ava (winter)');
    await expect(ana.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
    await ana.getByRole('button', { name: 'Request approval', exact: true }).click();
    const review = ana.getByRole('dialog');
    await expect(review.getByRole('heading', { name: 'Request approval for 1 change to Live' })).toBeVisible();
    await review.getByLabel(/Note/).fill('Winter persona');
    await review.getByRole('button', { name: 'Request approval' }).click();
    await expect(ana.getByRole('status').filter({ hasText: /Change request #\d+ opened/ })).toBeFocused();
    await ana.getByRole('link', { name: 'View the request' }).click();
    await expect(ana.getByText('0 approvals of 1 needed.')).toBeVisible();
    await expect(ana.getByText('You opened this request: someone else approves it.')).toBeVisible();
    await expect(ana.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    // Nothing reached live.
    expect(
      (await (await ana.request.get(`/v1/agents/${DEMO}/real-time-configs/live`)).json()).variables.agent_persona_name,
    ).not.toBe('Ava (winter)');

    // Ben sees it waiting, reviews it against live as it is now, approves and applies it.
    const ben = await person(browser, 'ben@example.com', `/agents/${DEMO}`);
    await ben.getByRole('link', { name: /Requests\s*1 open/ }).click();
    await ben.getByRole('link', { name: /Winter persona/ }).click();
    await expect(ben.getByRole('heading', { name: /The change, against Live as it is now/ })).toBeVisible();
    await expect(ben.getByText('Ava (winter)')).toBeVisible();
    await expectAccessible(ben);
    await ben.getByRole('button', { name: 'Approve' }).click();
    await expect(ben.getByText('Approved: ready to apply')).toBeVisible();

    // Ana changes her mind on the wording: her edit starts the approvals again.
    await ana.reload();
    await ana.getByRole('button', { name: 'Edit the request' }).click();
    await ana
      .getByLabel('Values it sets (JSON)')
      .fill('{ "agent_persona_name": "Ava (winter)" , "silence_timeout_seconds": 9 }');
    await ana.getByRole('button', { name: 'Save the edit' }).click();
    await expect(ana.getByText('0 approvals of 1 needed.')).toBeVisible();
    await ben.reload();
    await expect(ben.getByText('0 of 1 approvals')).toBeVisible();
    await expect(ben.getByText('silence_timeout_seconds')).toBeVisible();
    await ben.getByRole('button', { name: 'Approve' }).click();
    await expect(ben.getByText('Approved: ready to apply')).toBeVisible();
    await ben.getByLabel(/Type live/).fill('live');
    await ben.getByRole('button', { name: 'Apply to Live' }).click();
    await expect(ben.getByText('Applied', { exact: true })).toBeVisible();
    await expect(ben.getByRole('status').filter({ hasText: /^Applied to Live/ })).toBeFocused();
    expect(
      (await (await ben.request.get(`/v1/agents/${DEMO}/real-time-configs/live`)).json()).variables.agent_persona_name,
    ).toBe('Ava (winter)');

    // Every step is in the history.
    await ben.goto(`/agents/${DEMO}/history?env=live`);
    await expect(ben.getByRole('article').first()).toContainText('ben@example.com');
    await expect(ben.getByRole('article').filter({ hasText: 'opened' }).first()).toContainText('ana@example.com');
    await expect(ben.getByRole('article').filter({ hasText: 'approved' }).first()).toContainText('ben@example.com');
  } finally {
    expect((await admin.request.put('/api/settings/change-policies', { data: { policies: [] } })).ok()).toBe(true);
  }
});

test('a promotion under a rule becomes a request; an admin can apply it without approval, with a reason the history keeps', async ({
  browser,
}) => {
  const AGENT = 'PROJECT-RIVERSIDE';
  const admin = await person(browser, TEAM_ADMIN, `/agents/${AGENT}/compare?show=differs`);
  expect(
    (
      await admin.request.put('/api/settings/change-policies', {
        data: { policies: [{ agentId: AGENT, clientEnv: 'pre-release', approvals: 2 }] },
      })
    ).ok(),
  ).toBe(true);
  try {
    await admin.reload();
    await admin.getByLabel('Select appointment_reminder_hours').check();
    const bar = admin.getByRole('region', { name: 'Promote selected rows' });
    await bar.getByLabel('Copy from').selectOption('sandbox');
    await bar.getByLabel('to').selectOption('pre-release');
    await bar.getByRole('button', { name: 'Promote…' }).click();
    const dialog = admin.getByRole('dialog');
    await expect(
      dialog.getByText('Changes to Pre-release need 2 approvals from someone else on the team'),
    ).toBeVisible();
    await dialog.getByLabel(/Note/).fill('Reminders two days ahead');
    await dialog.getByRole('button', { name: 'Request approval' }).click();

    // The request opens; nothing reached pre-release yet.
    await expect(admin.getByRole('heading', { name: /Change request #\d+: Reminders two days ahead/ })).toBeVisible();
    const stored = async () =>
      (await (await admin.request.get(`/v1/agents/${AGENT}/real-time-configs/pre-release`)).json()).variables
        .appointment_reminder_hours;
    expect(await stored()).toBe(24);
    await admin.getByLabel(/Apply without approval \(break glass\)/).fill('Clinic asked for it before the weekend');
    await admin.getByRole('button', { name: 'Apply without approval' }).click();
    await expect(admin.getByText('Applied', { exact: true })).toBeVisible();
    await expect(admin.getByText('applied it without its approvals (break glass)')).toBeVisible();
    expect(await stored()).toBe(48);
  } finally {
    expect((await admin.request.put('/api/settings/change-policies', { data: { policies: [] } })).ok()).toBe(true);
  }
});

test('an admin adds a webhook, sends a test, and sees it delivered in the log', async ({ browser }) => {
  const bodies: string[] = [];
  const receiver = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    bodies.push(body);
    res.end('ok');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  try {
    const admin = await person(browser, TEAM_ADMIN, '/members');
    await admin.getByLabel('Address (https)').fill(address);
    await admin.getByRole('button', { name: 'Add webhook' }).click();
    await expect(admin.getByText('Added. Its signing secret, shown this once')).toBeVisible();
    const item = admin.getByRole('listitem').filter({ hasText: address });
    await item.getByRole('button', { name: 'Send a test' }).click();
    await item.getByRole('button', { name: 'Show the delivery log' }).click();
    await expect(item.getByRole('cell', { name: 'Delivered (200)' })).toBeVisible({ timeout: 15_000 });
    expect(JSON.parse(bodies[0]).text).toContain('Test message from Switchboard');
    await expectAccessible(admin);
    await item.getByRole('button', { name: /Remove/ }).click();
    await expect(item).toHaveCount(0);
  } finally {
    receiver.close();
  }
});

test('a live connector’s new voice is requested, approved by a colleague and applied', async ({ browser }) => {
  await underLiveRule(browser, 'cleo@example.com', async (admin) => {
    const cleo = await person(browser, 'cleo@example.com', `/agents/${DEMO}/connectors/conn_hv_live_us`);
    await expect(
      cleo.getByText('Changes to Live connectors need 1 approval: reviewing opens a change request.'),
    ).toBeVisible();
    await cleo.getByLabel('Voice', { exact: true }).fill('en-US-Neural2-C');
    await cleo.getByRole('button', { name: 'Review changes…' }).click();
    const dialog = cleo.getByRole('dialog');
    await dialog.getByLabel(/Note/).fill('Warmer US voice');
    await dialog.getByRole('button', { name: 'Request approval' }).click();
    await expect(cleo.getByRole('heading', { name: /Change request #\d+: Warmer US voice/ })).toBeVisible();
    await expect(cleo.getByText('en-US-Neural2-C')).toBeVisible();

    await admin.goto(cleo.url());
    await admin.getByRole('button', { name: 'Approve' }).click();
    await admin.getByLabel(/Type live/).fill('live');
    await admin.getByRole('button', { name: 'Apply to Live' }).click();
    await expect(admin.getByText('Applied', { exact: true })).toBeVisible();
    const connector = await (await admin.request.get(`/v1/agents/${DEMO}/telephony/connectors/conn_hv_live_us`)).json();
    expect(connector.voiceName).toBe('en-US-Neural2-C');
  });
});

test('deleting a live connector is requested with what goes with it, then approved and applied by a colleague', async ({
  browser,
}) => {
  await underLiveRule(browser, 'dana@example.com', async (admin) => {
    const dana = await person(browser, 'dana@example.com', `/agents/${DEMO}/connectors/conn_hv_live_es`);
    await dana.getByRole('button', { name: 'Delete connector…' }).click();
    const dialog = dana.getByRole('dialog');
    await expect(
      dialog.getByText('Deleting a Live connector needs 1 approval: this opens a change request'),
    ).toBeVisible();
    await dialog.getByLabel(/Type the connector’s name/).fill('Spanish line');
    await expect(dialog.getByRole('button', { name: 'Request deletion of the connector and 1 number' })).toBeDisabled();
    await dialog.getByLabel(/Note/).fill('The Spanish line closes');
    await dialog.getByRole('button', { name: 'Request deletion of the connector and 1 number' }).click();
    await expect(dana.getByRole('heading', { name: /Change request #\d+: The Spanish line closes/ })).toBeVisible();
    await expect(dana.getByRole('heading', { name: 'Deletes the connector Spanish line' })).toBeVisible();
    await expect(dana.getByRole('list', { name: 'Numbers deleted with it' })).toHaveText('+34910123456');
    // Nothing is deleted yet.
    expect((await admin.request.get(`/v1/agents/${DEMO}/telephony/connectors/conn_hv_live_es`)).status()).toBe(200);
    await expectAccessible(dana);

    await admin.goto(dana.url());
    await admin.getByRole('button', { name: 'Approve' }).click();
    await admin.getByLabel(/Type live/).fill('live');
    await admin.getByRole('button', { name: 'Apply to Live' }).click();
    await expect(admin.getByText('Applied', { exact: true })).toBeVisible();
    await expect(admin.getByRole('heading', { name: /Deleted the connector/ })).toBeVisible();
    expect((await admin.request.get(`/v1/agents/${DEMO}/telephony/connectors/conn_hv_live_es`)).status()).toBe(404);
  });
});

test('moving a live number to a sandbox line is requested, then approved and applied by a colleague', async ({
  browser,
}) => {
  await underLiveRule(browser, 'eli@example.com', async (admin) => {
    const eli = await person(browser, 'eli@example.com', `/agents/${DEMO}/connectors/conn_hv_live_us`);
    await eli.getByRole('region', { name: 'Phone numbers' }).getByRole('button', { name: 'Move…' }).click();
    const dialog = eli.getByRole('dialog');
    await dialog.getByLabel('New connector').selectOption({ label: 'Sandbox test line (sandbox, en-GB-Neural2-C)' });
    await expect(
      dialog.getByText('Calls in Live change with this move, which needs 1 approval: this opens a change request'),
    ).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Request the move' })).toBeDisabled();
    await dialog.getByLabel(/Note/).fill('US toll-free to the test line for the audit');
    await dialog.getByRole('button', { name: 'Request the move' }).click();
    await expect(
      eli.getByRole('heading', { name: /Change request #\d+: US toll-free to the test line/ }),
    ).toBeVisible();
    await expect(eli.getByRole('heading', { name: 'Moves the number +18885550142' })).toBeVisible();
    await expect(eli.getByText('Sandbox test line (Sandbox)')).toBeVisible();
    expect(
      (await (await admin.request.get(`/v1/agents/${DEMO}/telephony/phone-numbers/%2B18885550142`)).json()).connectorId,
    ).toBe('conn_hv_live_us');
    await expectAccessible(eli);

    await admin.goto(eli.url());
    await admin.getByRole('button', { name: 'Approve' }).click();
    await admin.getByLabel(/Type live/).fill('live');
    await admin.getByRole('button', { name: 'Apply to Live' }).click();
    await expect(admin.getByText('Applied', { exact: true })).toBeVisible();
    await expect(admin.getByText('Its calls are answered by Sandbox test line (Sandbox).')).toBeVisible();
    expect(
      (await (await admin.request.get(`/v1/agents/${DEMO}/telephony/phone-numbers/%2B18885550142`)).json()).connectorId,
    ).toBe('conn_hv_sbx_main');
  });
});

test('a batch edit that reaches live is requested as one, then approved and applied by a colleague', async ({
  browser,
}) => {
  await underLiveRule(browser, 'fay@example.com', async (admin) => {
    const fay = await person(browser, 'fay@example.com', `/agents/${DEMO}/connectors?env=pre-release`);
    await fay.getByLabel('Select all shown connectors').check();
    await fay.getByRole('button', { name: 'Edit selected…' }).click();
    // Pre-release has no rule: the batch is sent as it is.
    let dialog = fay.getByRole('dialog', { name: 'Edit 2 connectors' });
    await dialog.getByRole('checkbox', { name: 'ASR language' }).check();
    await dialog.getByLabel('New ASR language').fill('en-US');
    await expect(dialog.getByRole('button', { name: 'Update 2 connectors' })).toBeEnabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await fay.goto(`/agents/${DEMO}/connectors`);
    await fay.getByLabel('Select UK main line').check();
    await fay.getByLabel('Select UK pre-release').check();
    await fay.getByRole('button', { name: 'Edit selected…' }).click();
    dialog = fay.getByRole('dialog', { name: 'Edit 2 connectors' });
    await dialog.getByRole('checkbox', { name: 'ASR language' }).check();
    await dialog.getByLabel('New ASR language').fill('en-IE');
    await expect(
      dialog.getByText('Changes to Live connectors need 1 approval: this opens a change request for the whole batch'),
    ).toBeVisible();
    await dialog.getByLabel(/Note/).fill('Irish English for the UK lines');
    await dialog.getByRole('button', { name: 'Request approval for 2 connectors' }).click();
    await expect(
      fay.getByRole('heading', { name: /Change request #\d+: Irish English for the UK lines/ }),
    ).toBeVisible();
    await expect(fay.getByRole('heading', { name: /UK pre-release/ })).toBeVisible();
    await expectAccessible(fay);

    await admin.goto(fay.url());
    await admin.getByRole('button', { name: 'Approve' }).click();
    await admin.getByLabel(/Type live/).fill('live');
    await admin.getByRole('button', { name: 'Apply to Live' }).click();
    await expect(admin.getByText('Applied', { exact: true })).toBeVisible();
    for (const id of ['conn_hv_live_uk', 'conn_hv_pre_uk']) {
      expect(
        (await (await admin.request.get(`/v1/agents/${DEMO}/telephony/connectors/${id}`)).json()).asrLangCode,
      ).toBe('en-IE');
    }
  });
});

test('a colleague without the role on everything a request changes sees they cannot approve it, and why', async ({
  browser,
}) => {
  await underLiveRule(browser, 'cy@example.com', async (admin) => {
    expect(
      (
        await admin.request.put('/api/members/liv@example.com', {
          data: { admin: false, grants: [{ role: 'editor', agentId: DEMO, clientEnv: 'live' }] },
        })
      ).ok(),
    ).toBe(true);
    // Cy's batch edit reaches a live line and a sandbox one: approving it needs the role on both.
    const cy = await person(browser, 'cy@example.com', `/agents/${DEMO}`);
    const updates = [
      { connectorId: 'conn_hv_live_us', asrLangCode: 'en-GB' },
      { connectorId: 'conn_hv_sbx_de', asrLangCode: 'en-GB' },
    ];
    const opened = await cy.request.post(`/api/agents/${DEMO}/change-requests`, {
      data: {
        clientEnv: 'live',
        kind: 'connector-batch',
        body: { updates },
        baseVersion: 'current',
        note: 'Both lines in British English',
      },
    });
    expect(opened.status()).toBe(201);
    const { id } = (await opened.json()) as { id: string };
    try {
      const liv = await person(browser, 'liv@example.com', `/agents/${DEMO}/change-requests/${id}`);
      await expect(
        liv.getByText(`It changes live of ${DEMO}, sandbox of ${DEMO}: approving it needs the editor role on each.`),
      ).toBeVisible();
      await expect(
        liv.getByText(
          `You cannot approve this request. Approving this needs the editor role on sandbox of ${DEMO}, which it changes.`,
        ),
      ).toBeVisible();
      // Nor decline it, nor apply or schedule it (that would be making it: the editor role on every environment).
      for (const name of ['Approve', 'Decline', 'Schedule'])
        await expect(liv.getByRole('button', { name })).toHaveCount(0);
      await expectAccessible(liv);
    } finally {
      expect((await cy.request.post(`/api/agents/${DEMO}/change-requests/${id}/decline`, { data: {} })).ok()).toBe(
        true,
      );
    }
  });
});
