// Klarna's wire format, written from Klarna's OpenAPI documents: the requests and replies of
// every operation this project uses, and the callbacks Klarna sends. The storefront's client
// (lib/klarna) and the sandbox (lib/sandbox) both import it; neither imports the other.

export * from "./common";
export * from "./kp";
export * from "./hpp";
export * from "./om";
export * from "./callbacks";
export * from "./regions";
export * from "./playground";
export * from "./sandbox";
