/** The subscriptions area's part of the message map (index.ts composes the areas). */
import type { Subscription } from '../subscriptions';

/** Schedules Podium fetches again by itself (src/background/subscriptions). */
export interface SubscriptionCalls {
  /** Subscriptions: schedule URLs Podium fetches again by itself (src/background/subscriptions). */
  listSubscriptions: { params: Record<string, never>; result: Subscription[] };
  /** Adds a subscription (the caller holds the host's permission) and fetches it at once; answers it after that first refresh. */
  subscribe: { params: { url: string; label?: string; intervalHours?: number }; result: Subscription };
  /** Changes what the user chose of a subscription. */
  updateSubscription: { params: { id: string; intervalHours?: number; paused?: boolean; label?: string }; result: Subscription };
  /** Removes a subscription; what it imported stays in the archive. Answers the list left. */
  unsubscribe: { params: { id: string }; result: Subscription[] };
  /** Refreshes a subscription now; answers it afterwards (its `state.error` says what went wrong). */
  refreshSubscription: { params: { id: string }; result: Subscription };
}
