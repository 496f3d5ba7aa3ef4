package cn.duban.organisation;

import java.util.regex.Pattern;

/**
 * Where a person is reached besides duban's inbox and e-mail: a mainland mobile number (SMS), their userid in
 * 企业微信/政务微信 and in 钉钉/政务钉钉. Any of them may be null: the person is then not reached on that channel.
 */
public record PersonContacts(String userId, String mobile, String wecomUserId, String dingtalkUserId) {

  /** 11 digits, 1[3-9]…: the numbers mainland operators give out (no landlines, no +86). */
  public static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

  public static PersonContacts none(String userId) {
    return new PersonContacts(userId, null, null, null);
  }

  /** The same contacts with the mobile number masked (138****1234), for anyone but admins and the person. */
  public PersonContacts masked() {
    return new PersonContacts(userId, maskMobile(mobile), wecomUserId, dingtalkUserId);
  }

  /** 13812341234 → 138****1234; anything else that may be a number is masked whole. Never log a number unmasked. */
  public static String maskMobile(String mobile) {
    if (mobile == null || mobile.isBlank()) {
      return mobile;
    }
    return MOBILE.matcher(mobile).matches() ? mobile.substring(0, 3) + "****" + mobile.substring(7) : "****";
  }

  /** Masks every mainland mobile number in a text (platform answers, exceptions) before it is logged or stored. */
  public static String maskMobiles(String text) {
    return text == null ? null : text.replaceAll("(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])", "$1****$2");
  }
}
