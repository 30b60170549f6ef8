/**
 * Change tracking as a back office pulling over HTTP sees it (reference 7.7), on every store:
 * `Prefer: odata.track-changes` gives the rows and a delta link; the delta link gives what was created,
 * changed and removed since, and the next delta link; `$count` counts changes; what Dataverse refuses
 * with change tracking is refused with its words, and a token that is not a good one is a clear 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDeltaToken } from '../../src/webapi/change-tracking/change-token.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  applyDelta,
  create,
  currentRows,
  type DeltaEntry,
  expectRefusal,
  isRemoval,
  patch,
  readTracked,
  relative,
  remove,
  TRACK,
} from './support.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function tokenOf(link: string): string {
  const match = /[?&]\$deltatoken=([^&]+)/.exec(link);
  if (!match) throw new Error(`no $deltatoken in ${link}`);
  return decodeURIComponent(match[1]!);
}

for (const kind of TEST_STORES) {
  describe(`change tracking on ${kind}`, () => {
    let server: TestServer;
    let organizationId: string;

    beforeAll(async () => {
      server = await startTestServer(kind);
      organizationId = (await server.api('organizations?$select=organizationid')).json.value[0].organizationid;
    });
    afterAll(async () => {
      await server?.close();
    });

    const rowsOf = (entries: readonly DeltaEntry[]) => entries.filter((entry) => !isRemoval(entry));
    const removalsOf = (entries: readonly DeltaEntry[]) => entries.filter(isRemoval);

    it('answers a track-changes read with the rows, Preference-Applied and an absolute delta link', async () => {
      const id = await create(server, 'invoices', { name: 'First tracked invoice' });
      const response = await server.api('invoices?$select=name,totalamount', { headers: TRACK });
      expect(response.status, response.text).toBe(200);
      expect(response.headers.get('preference-applied')).toBe('odata.track-changes');
      expect(response.json['@odata.context']).toBe(`${server.serviceRoot}$metadata#invoices(name,totalamount)`);
      const deltaLink: string = response.json['@odata.deltaLink'];
      expect(deltaLink).toMatch(
        new RegExp(
          `^${server.serviceRoot.replace(/[.]/g, '\\.')}invoices\\?\\$select=name%2Ctotalamount&\\$deltatoken=[A-Za-z0-9_-]+$`,
        ),
      );
      expect(response.json['@odata.nextLink']).toBeUndefined();
      const row = response.json.value.find((entry: DeltaEntry) => entry.invoiceid === id);
      expect(row).toMatchObject({ name: 'First tracked invoice', '@odata.etag': expect.stringMatching(/^W\/"\d+"$/) });
      expect(Object.keys(row).sort()).toEqual(['@odata.etag', 'invoiceid', 'name', 'totalamount']);
    });

    it('gives the rows created and changed since the token, then the deleted ones, and a new delta link', async () => {
      const kept = await create(server, 'salesorders', { name: 'Kept' });
      const changed = await create(server, 'salesorders', { name: 'Before' });
      const deleted = await create(server, 'salesorders', { name: 'Deleted' });
      const first = await readTracked(server, 'salesorders?$select=name', { headers: TRACK });
      expect(rowsOf(first.entries).map((row) => row.salesorderid)).toEqual(
        expect.arrayContaining([kept, changed, deleted]),
      );

      const added = await create(server, 'salesorders', { name: 'Added' });
      await patch(server, `salesorders(${changed})`, { name: 'After' });
      await remove(server, `salesorders(${deleted})`);

      const delta = await server.api(first.deltaLink);
      expect(delta.status, delta.text).toBe(200);
      expect(delta.json['@odata.context']).toBe(`${server.serviceRoot}$metadata#salesorders(name)/$delta`);
      const value: DeltaEntry[] = delta.json.value;
      const rows = rowsOf(value);
      expect(rows.map((row) => row.salesorderid).sort()).toEqual([added, changed].sort());
      expect(rows.find((row) => row.salesorderid === changed)).toMatchObject({ name: 'After' });
      expect(rows.find((row) => row.salesorderid === added)).toMatchObject({
        name: 'Added',
        '@odata.etag': expect.any(String),
      });
      // Deletions come after every changed row, in Dataverse's shape.
      expect(value.at(-1)).toEqual({
        '@odata.context': `${server.serviceRoot}$metadata#salesorders/$deletedEntity`,
        id: deleted,
        reason: 'deleted',
      });
      expect(removalsOf(value)).toHaveLength(1);

      const next = relative(server, delta.json['@odata.deltaLink']);
      expect(tokenOf(next)).not.toBe(tokenOf(first.deltaLink));
      const quiet = await server.api(next);
      expect(quiet.status).toBe(200);
      expect(quiet.json.value).toEqual([]);
      expect(quiet.json['@odata.deltaLink']).toEqual(expect.any(String));
    });

    it('reports the lines a cascade deleted with their order', async () => {
      const order = await create(server, 'salesorders', { name: 'Cascade' });
      const lines = [];
      for (const description of ['One', 'Two']) {
        lines.push(
          await create(server, 'salesorderdetails', {
            'salesorderid@odata.bind': `/salesorders(${order})`,
            isproductoverridden: true,
            productdescription: description,
            quantity: 1,
            priceperunit: 3,
          }),
        );
      }
      const first = await readTracked(server, 'salesorderdetails?$select=productdescription', { headers: TRACK });
      await remove(server, `salesorders(${order})`);
      const delta = await readTracked(server, first.deltaLink);
      expect(
        removalsOf(delta.entries)
          .map((entry) => entry.id)
          .sort(),
      ).toEqual(lines.sort());
      expect(removalsOf(delta.entries).every((entry) => entry.reason === 'deleted')).toBe(true);
    });

    it('counts the changes since a token with $count', async () => {
      const first = await readTracked(server, 'invoices?$select=name', { headers: TRACK });
      const token = tokenOf(first.deltaLink);
      const doomed = await create(server, 'invoices', { name: 'Counted 1' });
      await create(server, 'invoices', { name: 'Counted 2' });
      await remove(server, `invoices(${doomed})`);
      const count = await server.api(`invoices/$count?$deltatoken=${encodeURIComponent(token)}`);
      expect(count.status, count.text).toBe(200);
      expect(count.headers.get('content-type')).toContain('text/plain');
      // One new row, one removal: the invoice created and deleted in between is only a removal.
      expect(count.text).toBe('2');
      const inline = await server.api(`${first.deltaLink}&$count=true`);
      expect(inline.json['@odata.count']).toBe(2);
    });

    it('puts the delta link on the last page when a result spans several pages', async () => {
      const ids: string[] = [];
      for (let index = 0; index < 5; index += 1)
        ids.push(await create(server, 'quotes', { name: `Untracked ${index}` }));
      for (let index = 0; index < 7; index += 1) await create(server, 'invoices', { name: `Paged ${index}` });
      const paging = { prefer: 'odata.track-changes,odata.maxpagesize=3' };
      const first = await readTracked(server, 'invoices?$select=name', { headers: paging });
      expect(first.pages.length).toBeGreaterThan(2);
      expect(first.pages[0]!.headers.get('preference-applied')).toBe('odata.track-changes,odata.maxpagesize=3');
      for (const page of first.pages) expect(page.json.value.length).toBeLessThanOrEqual(3);
      const all = await currentRows(server, 'invoices?$select=name', 'invoiceid');
      const copy = new Map<string, DeltaEntry>();
      applyDelta(copy, first.entries, 'invoiceid');
      expect([...copy.keys()].sort()).toEqual([...all.keys()].sort());
      expect(first.entries).toHaveLength(all.size);

      // A delta spanning pages: changed rows first, then removals, still three entries a page.
      const victims = [...all.keys()].slice(0, 4);
      for (const id of victims.slice(0, 2)) await patch(server, `invoices(${id})`, { name: 'Renamed' });
      for (const id of victims.slice(2)) await remove(server, `invoices(${id})`);
      await create(server, 'invoices', { name: 'Late' });
      const delta = await readTracked(server, first.deltaLink, { headers: { prefer: 'odata.maxpagesize=2' } });
      expect(delta.pages.length).toBe(3);
      expect(delta.pages.slice(0, -1).every((page) => page.json['@odata.nextLink'].includes('$deltatoken='))).toBe(
        true,
      );
      expect(rowsOf(delta.entries)).toHaveLength(3);
      expect(
        removalsOf(delta.entries)
          .map((entry) => entry.id)
          .sort(),
      ).toEqual(victims.slice(2).sort());
      expect(delta.entries.findIndex(isRemoval)).toBe(3);
      applyDelta(copy, delta.entries, 'invoiceid');
      const now = await currentRows(server, 'invoices?$select=name', 'invoiceid');
      expect(new Map([...copy].map(([id, row]) => [id, row.name]))).toEqual(
        new Map([...now].map(([id, row]) => [id, row.name])),
      );
    });

    it.each(["$filter=name eq 'x'", '$orderby=name', '$expand=order_details($select=quantity)', '$top=5'])(
      'refuses %s with change tracking, as Dataverse does',
      async (option) => {
        const name = option.slice(0, option.indexOf('='));
        const message = `The "${name}" query parameter isn't supported when Change Tracking is enabled.`;
        const withPreference = await server.api(`salesorders?$select=name&${option}`, { headers: TRACK });
        expectRefusal(withPreference, 400, message);
        const first = await readTracked(server, 'salesorders?$select=name', { headers: TRACK });
        expectRefusal(await server.api(`${first.deltaLink}&${option}`), 400, message);
      },
    );

    it('refuses change tracking on a table that does not track changes, as Dataverse does', async () => {
      const response = await server.api('accounts?$select=name', { headers: TRACK });
      expectRefusal(response, 400, "Entity account isn't enabled for change tracking.");
      expect(response.json.error.code).toBe('0x80072491');
      const first = await readTracked(server, 'salesorders?$select=name', { headers: TRACK });
      const foreign = await server.api(
        `accounts?$select=name&$deltatoken=${encodeURIComponent(tokenOf(first.deltaLink))}`,
      );
      expectRefusal(foreign, 400, "Entity account isn't enabled for change tracking.");
    });

    it('ignores the preference where it means nothing: one row, a navigation collection', async () => {
      const order = await create(server, 'salesorders', { name: 'Single' });
      const single = await server.api(`salesorders(${order})?$select=name`, { headers: TRACK });
      expect(single.status).toBe(200);
      expect(single.headers.get('preference-applied')).toBeNull();
      const lines = await server.api(`salesorders(${order})/order_details`, { headers: TRACK });
      expect(lines.status).toBe(200);
      expect(lines.json['@odata.deltaLink']).toBeUndefined();
    });

    it('refuses $deltatoken anywhere but an entity set', async () => {
      const order = await create(server, 'salesorders', { name: 'Elsewhere' });
      const first = await readTracked(server, 'salesorders?$select=name', { headers: TRACK });
      const token = encodeURIComponent(tokenOf(first.deltaLink));
      expectRefusal(await server.api(`salesorders(${order})?$deltatoken=${token}`), 400, /\$deltatoken/);
      expectRefusal(await server.api(`salesorders(${order})/order_details?$deltatoken=${token}`), 400, /\$deltatoken/);
      const post = await server.api(`salesorders?$deltatoken=${token}`, { method: 'POST', body: { name: 'x' } });
      expectRefusal(post, 400, /\$deltatoken/);
    });

    it('refuses malformed, altered, foreign and expired tokens with a clear 400, never a 500', async () => {
      const first = await readTracked(server, 'salesorders?$select=name', { headers: TRACK });
      const token = tokenOf(first.deltaLink);
      const now = Math.floor(Date.now() / 1000);
      const watermarkKind = kind === 'postgres' ? 'xid' : 'version';
      // The lowest watermark of each store: every change since the database was made.
      const lowest = kind === 'postgres' ? '3:3:' : '0';
      const craft = (fields: Partial<Parameters<typeof encodeDeltaToken>[0]>, organization = organizationId) =>
        encodeDeltaToken(
          { set: 'salesorders', kind: watermarkKind, watermark: lowest, issuedAt: now, ...fields },
          organization,
        );
      const altered = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
      const cases: [string, RegExp][] = [
        ['abc', /not valid: it is not a change tracking token/],
        ['919042!08/22/2017 08:10:44', /not valid/],
        [Buffer.from('d!1!v!12!1700000000!salesorders').toString('base64url'), /not valid/],
        ['%', /not valid/],
        ['x'.repeat(3000), /not valid/],
        [altered, /not valid/],
        [craft({}, '00000000-0000-0000-0000-000000000001'), /altered, or issued by another organization/],
        [craft({ set: 'invoices' }), /tracks changes of invoices, not of salesorders/],
        [craft({ kind: watermarkKind === 'xid' ? 'version' : 'xid' }), /now runs on/],
        [craft({ issuedAt: now - 8 * 86_400 }), /has expired: changes are tracked for 7 day\(s\)/],
        [craft({ issuedAt: now + 86_400 }), /issued in the future/],
        [craft({ watermark: '99999999999999999999' }), /change position is malformed/],
        [craft({ watermark: kind === 'postgres' ? '9:5:' : '1:1:' }), /change position is malformed/],
        [craft({ watermark: kind === 'postgres' ? '5:9:7,6' : '-1' }), /change position is malformed/],
        [craft({ watermark: kind === 'postgres' ? '4294967296:4294967296:' : '1e3' }), /change position is malformed/],
      ];
      for (const [bad, message] of cases) {
        const response = await server.api(`salesorders?$select=name&$deltatoken=${encodeURIComponent(bad)}`);
        expectRefusal(response, 400, message);
        expectRefusal(await server.api(`salesorders/$count?$deltatoken=${encodeURIComponent(bad)}`), 400, message);
      }
      // A token still inside its lifetime works, with the same fields.
      const fresh = await server.api(
        `salesorders?$select=name&$deltatoken=${encodeURIComponent(craft({ issuedAt: now - 6 * 86_400 }))}`,
      );
      expect(fresh.status, fresh.text).toBe(200);
    });

    it('refuses a tampered or foreign page cookie', async () => {
      for (let index = 0; index < 3; index += 1) await create(server, 'salesorders', { name: `Cookie ${index}` });
      const page = await server.api('salesorders?$select=name', {
        headers: { prefer: 'odata.track-changes,odata.maxpagesize=1' },
      });
      const next = relative(server, page.json['@odata.nextLink']);
      const cookie = /\$skiptoken=([^&]+)/.exec(next)![1]!;
      const tampered = next.replace(cookie, `${cookie.slice(0, 8)}${cookie[8] === 'A' ? 'B' : 'A'}${cookie.slice(9)}`);
      expectRefusal(await server.api(tampered), 400, /\$skiptoken is not valid/);
      expectRefusal(await server.api(next.replace('salesorders?', 'invoices?')), 400, /\$skiptoken is not valid/);
      // The untouched link still reads the next page, without the track-changes preference.
      const second = await server.api(next, { headers: { prefer: 'odata.maxpagesize=1' } });
      expect(second.status, second.text).toBe(200);
      expect(second.json.value).toHaveLength(1);
    });

    it('keeps the change watermark out of $metadata, $select, $filter and the JSON', async () => {
      const metadata = await server.api('$metadata');
      expect(metadata.text).not.toContain('ol_xid');
      expectRefusal(await server.api('salesorders?$select=ol_xid'), 400);
      expectRefusal(await server.api("salesorders?$filter=ol_xid eq '1'"), 400);
      const rows = await server.api('salesorders', { headers: TRACK });
      expect(rows.text).not.toContain('ol_xid');
      expect(rows.json.value.every((row: DeltaEntry) => GUID.test(row.salesorderid))).toBe(true);
    });

    it('works inside $batch like any other GET', async () => {
      const first = await readTracked(server, 'salesorders?$select=name', { headers: TRACK });
      const added = await create(server, 'salesorders', { name: 'Through batch' });
      const boundary = 'batch_changes';
      const body = [
        `--${boundary}`,
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        '',
        `GET ${server.serviceRoot}${first.deltaLink} HTTP/1.1`,
        'Accept: application/json',
        '',
        `--${boundary}--`,
        '',
      ].join('\r\n');
      const response = await server.api('$batch', {
        method: 'POST',
        headers: { 'content-type': `multipart/mixed; boundary=${boundary}` },
        body,
      });
      expect(response.status, response.text).toBe(200);
      expect(response.text).toContain(added);
      expect(response.text).toContain('/$delta');
    });
  });
}
