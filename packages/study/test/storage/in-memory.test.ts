import { InMemoryStorage } from "../../src/storage/in-memory.js";
import { heartbeatContract } from "../../src/testing/heartbeat-contract.js";
import { storageContract } from "../../src/testing/storage-contract.js";

storageContract("InMemoryStorage", async () => new InMemoryStorage());
heartbeatContract("InMemoryStorage", async (clock) => new InMemoryStorage({ clock }));
