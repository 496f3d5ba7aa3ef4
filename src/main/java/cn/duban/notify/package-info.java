/**
 * 通知: notifications that are never lost and never doubled. The escalation ladder enqueues them in its own
 * transaction (outbox); a background job composes digests and delivers them to the in-app inbox, by e-mail, to
 * 企业微信 / 钉钉 / SMS as people chose (preferences, quiet hours), and posts units' daily digests by group robots.
 * Uses organisation (people, their contacts), item (a unit's overdue items) and calendar (working days).
 */
@org.springframework.modulith.ApplicationModule(displayName = "通知", allowedDependencies = { "system", "organisation", "calendar", "item" })
package cn.duban.notify;
