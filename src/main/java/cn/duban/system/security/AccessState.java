package cn.duban.system.security;

/**
 * What a signed-in session rests on, as the identity service has it now: the person with their groups, a stamp of
 * their password (a new password gives a new stamp) and whether the engine has locked them for good.
 */
record AccessState(DubanUser user, String credentialStamp, boolean locked) {
}
