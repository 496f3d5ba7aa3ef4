package cn.duban.item;

import java.time.Instant;

/** An evidence file stored with an item (the content is fetched separately). */
public record AttachmentInfo(long id, String fileName, String contentType, long size, String sha256,
                             String uploadedBy, Instant uploadedAt) {
}
