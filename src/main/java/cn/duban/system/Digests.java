package cn.duban.system;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one SHA-256 of duban: attachments, audit exports and the fingerprints of idempotent requests. */
public final class Digests {

  private Digests() {
  }

  /** The SHA-256 digest of {@code content} in lower-case hex. */
  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
