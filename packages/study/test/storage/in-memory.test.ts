import { InMemoryStorage } from "../../src/storage/in-memory.js";
import { storageContract } from "../../src/testing/storage-contract.js";

storageContract("InMemoryStorage", async () => new InMemoryStorage());
