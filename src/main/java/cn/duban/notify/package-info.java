/**
 * 通知: notifications that are never lost and never doubled. The escalation ladder enqueues them in its own
 * transaction (outbox); a background job composes digests and delivers them to the in-app inbox and by e-mail.
 */
package cn.duban.notify;
