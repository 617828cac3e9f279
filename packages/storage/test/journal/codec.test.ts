import { describe, expect, it } from "vitest";
import {
  checkJournalRecord,
  decodeJournalRecord,
  encodeJournalRecord,
  JournalRecordError,
} from "../../src/journal/index.js";

describe("encodeJournalRecord", () => {
  it("writes floats where Optuna writes floats: values, intermediate values, float and int internal params", () => {
    expect(
      encodeJournalRecord({
        op_code: 6,
        worker_id: "w",
        trial_id: 0,
        state: 1,
        values: [2, -0],
        datetime_complete: "t",
      }),
    ).toBe(
      '{"op_code":6,"worker_id":"w","trial_id":0,"state":1,"values":[2.0,-0.0],"datetime_complete":"t"}',
    );
    const param = (distribution: string) =>
      encodeJournalRecord({
        op_code: 5,
        worker_id: "w",
        trial_id: 0,
        param_name: "p",
        param_value_internal: 3,
        distribution,
      });
    expect(
      param('{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": 0, "high": 5}}'),
    ).toContain('"param_value_internal":3.0');
    expect(param('{"name": "CategoricalDistribution", "attributes": {"choices": [1, 2, 3, 4]}}')).toContain(
      '"param_value_internal":3,',
    );
  });

  it("writes a template trial's params as floats except categorical indices, and its steps as string keys", () => {
    const text = encodeJournalRecord({
      op_code: 4,
      worker_id: "w",
      study_id: 0,
      datetime_start: null,
      state: 4,
      value: 1,
      values: null,
      distributions: {
        c: '{"name": "CategoricalDistribution", "attributes": {"choices": ["a", "b"]}}',
        x: '{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0, "high": 4.0, "log": false}}',
      },
      params: { c: 1, x: 2 },
      user_attrs: { n: 1 },
      system_attrs: {},
      intermediate_values: { "0": 5 },
    });
    expect(text).toContain('"value":1.0,');
    expect(text).toContain('"params":{"c":1,"x":2.0}');
    expect(text).toContain('"user_attrs":{"n":1}');
    expect(text).toContain('"intermediate_values":{"0":5.0}');
  });
});

describe("decodeJournalRecord and checkJournalRecord", () => {
  it("accept Optuna 3.1's spaced JSON and Python's tokens", () => {
    expect(
      decodeJournalRecord(
        '{"op_code": 7, "worker_id": "w", "trial_id": 0, "step": 1, "intermediate_value": NaN}\n',
      ),
    ).toEqual({
      op_code: 7,
      worker_id: "w",
      trial_id: 0,
      step: 1,
      intermediate_value: Number.NaN,
    });
  });

  it.each([
    ["[1, 2]", /a journal record is a JSON object/],
    ['{"op_code": 10, "worker_id": "w"}', /op_code must be an integer from 0 to 9, got 10/],
    ['{"op_code": 1}', /DELETE_STUDY: worker_id must be a string/],
    [
      '{"op_code": 0, "worker_id": "w", "study_name": "s", "directions": [0]}',
      /CREATE_STUDY: directions must be/,
    ],
    [
      '{"op_code": 2, "worker_id": "w", "study_id": 0, "user_attr": {"a": 1, "b": 2}}',
      /user_attr must be an object with one key/,
    ],
    [
      '{"op_code": 4, "worker_id": "w", "study_id": -1, "datetime_start": null}',
      /CREATE_TRIAL: study_id must be an integer >= 0/,
    ],
    [
      '{"op_code": 4, "worker_id": "w", "study_id": 0, "datetime_start": null, "state": 1, "params": {"x": 1}, "distributions": {}}',
      /params.x has no distribution/,
    ],
    [
      '{"op_code": 5, "worker_id": "w", "trial_id": 0, "param_name": "x", "param_value_internal": "1", "distribution": "{}"}',
      /param_value_internal must be a number/,
    ],
    [
      '{"op_code": 6, "worker_id": "w", "trial_id": 0, "state": 0, "values": null}',
      /a RUNNING state needs datetime_start/,
    ],
    [
      '{"op_code": 6, "worker_id": "w", "trial_id": 0, "state": 1, "values": [1]}',
      /a finished state needs datetime_complete/,
    ],
    [
      '{"op_code": 7, "worker_id": "w", "trial_id": 0, "step": 1.5, "intermediate_value": 1}',
      /step must be an integer >= 0/,
    ],
    [
      '{"op_code": 9, "worker_id": "w", "trial_id": 0, "system_attr": 3}',
      /SET_TRIAL_SYSTEM_ATTR: system_attr must be an object with one key/,
    ],
  ])("refuses %s, saying why", (text, why) => {
    expect(() => decodeJournalRecord(text)).toThrow(JournalRecordError);
    expect(() => decodeJournalRecord(text)).toThrow(why);
  });

  it("says the text is not JSON", () => {
    expect(() => decodeJournalRecord('{"op_code": 1,')).toThrow(/not JSON/);
    expect(checkJournalRecord({ op_code: 1, worker_id: "w", study_id: 0 })).toBeNull();
  });
});
