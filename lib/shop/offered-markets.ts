import "server-only";
import { config } from "@/lib/config";
import { MARKETS, type Market, type MarketCode } from "./markets";

// The markets the shop sells in right now: those whose Klarna region has credentials (every one
// in sandbox mode).

export const offeredMarkets = (accounts = config().klarna.accounts): Market[] => Object.values(MARKETS).filter((market) => accounts[market.region]);

export const isOfferedMarket = (code: string): code is MarketCode => offeredMarkets().some((market) => market.code === code);
