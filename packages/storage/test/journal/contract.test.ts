import * as path from "node:path";
import { heartbeatContract, storageContract } from "@tunelab/study/testing";
import { JournalStorage, MemoryJournalBackend, openJournalFileStorage } from "../../src/journal/index.js";
import { tempDir } from "./tmp.js";

let n = 0;
const file = (): string => path.join(tempDir(), `contract-${n++}.log`);

storageContract(
  "JournalStorage (memory backend)",
  async () => new JournalStorage(new MemoryJournalBackend()),
);
storageContract("JournalStorage (file backend)", async () => openJournalFileStorage(file()));
storageContract("JournalStorage (file backend, open lock, fsync)", async () =>
  openJournalFileStorage(file(), { lock: "open", fsync: true }),
);

heartbeatContract(
  "JournalStorage (memory backend)",
  async (clock) => new JournalStorage(new MemoryJournalBackend(), { clock }),
);
heartbeatContract("JournalStorage (file backend)", async (clock) =>
  openJournalFileStorage(file(), { clock }),
);
