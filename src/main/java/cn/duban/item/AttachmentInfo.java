package cn.duban.item;

import java.time.Instant;

/**
 * An evidence file stored with an item (the content is fetched separately).
 *
 * @param uploadedBy     the uploader's user id; {@code uploadedByName} their name, as people read it
 */
public record AttachmentInfo(long id, String fileName, String contentType, long size, String sha256,
                             String uploadedBy, String uploadedByName, Instant uploadedAt) {

  /** The size as people read it: 856 字节, 12.3 KB, 4.5 MB (a small file is not "0 KB"). */
  public String sizeText() {
    return sizeText(size);
  }

  static String sizeText(long bytes) {
    if (bytes < 1024) {
      return bytes + " 字节";
    }
    if (bytes < 1024 * 1024) {
      return decimal(bytes / 1024.0) + " KB";
    }
    return decimal(bytes / (1024.0 * 1024)) + " MB";
  }

  /** One decimal below 100 (1.5 KB), none above (312 KB); never a trailing ".0". */
  private static String decimal(double value) {
    String text = value < 100 ? String.format(java.util.Locale.ROOT, "%.1f", value) : String.valueOf(Math.round(value));
    return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
  }
}
