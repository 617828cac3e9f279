import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InMemoryStorage } from "../../src/storage/in-memory.js";
import { heartbeatContract } from "../../src/testing/heartbeat-contract.js";
import { storageContract } from "../../src/testing/storage-contract.js";

storageContract("InMemoryStorage", async () => new InMemoryStorage());
heartbeatContract("InMemoryStorage", async (clock) => new InMemoryStorage({ clock }));

describe("InMemoryStorage.getTrials since a cursor (issue 18: few changes read without a Set)", () => {
  it("returns each changed trial once, by number, whatever the order and count of changes (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(20), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(40), { maxLength: 6 }),
        async (touches, cursors) => {
          const s = new InMemoryStorage();
          const id = await s.createStudy(["minimize"]);
          const log: number[] = [];
          const ids: number[] = [];
          for (const k of touches) {
            if (k >= ids.length) {
              const t = await s.createTrial(id);
              ids.push(t.trialId);
              log.push(t.number);
            } else {
              await s.updateTrial(ids[k]!, { userAttrs: { k } });
              log.push(k);
            }
          }
          for (const since of [0, ...cursors, log.length]) {
            const page = await s.getTrials(id, { since });
            const expected =
              since <= 0 ? ids.map((_, i) => i) : [...new Set(log.slice(since))].sort((a, b) => a - b);
            expect(page.trials.map((t) => t.number)).toEqual(expected);
            expect(page.cursor).toBe(log.length);
            expect(s.getTrialsSync(id, { since })).toEqual(page);
          }
        },
      ),
    );
  });

  it("offers its synchronous calls, which give what the asynchronous ones give", async () => {
    const s = new InMemoryStorage();
    const id = await s.createStudy(["minimize"]);
    const t = s.createTrialSync(id);
    expect(await s.getTrial(t.trialId)).toBe(t);
    const done = s.updateTrialSync(t.trialId, { state: "COMPLETE", values: [1] });
    expect(s.getTrialSync(t.trialId)).toBe(done);
    expect(await s.popWaitingTrial(id)).toBeNull();
    expect(s.popWaitingTrialSync(id)).toBeNull();
    s.setStudySystemAttrSync(id, "k", [1]);
    expect(await s.getStudySystemAttrs(id)).toEqual({ k: [1] });
    expect(s.syncTrialStorage()).toBe(s);
  });
});
