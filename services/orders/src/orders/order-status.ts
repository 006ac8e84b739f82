/**
 * An order's life: placed (awaiting payment) → paid → packed → shipped → delivered, or cancelled before
 * packing, or returned after delivery. The order matters: it is the order of the CHECK constraint and of
 * the `status` enum in tool schemas.
 */
export const ORDER_STATUSES = ['placed', 'paid', 'packed', 'shipped', 'delivered', 'cancelled', 'returned'] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** States in which nothing has left the warehouse yet, so the order can still be cancelled. */
export const CANCELLABLE_STATUSES: readonly OrderStatus[] = ['placed', 'paid'];
