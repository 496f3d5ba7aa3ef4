package cn.duban.item;

import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.organisation.OrganisationService;
import cn.duban.system.BureauClock;
import cn.duban.system.Digests;
import cn.duban.system.DubanProperties;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;
import cn.duban.system.web.PlainText;
import cn.duban.system.web.TooLargeException;

/**
 * Evidence files (佐证材料), stored with the item in the database. A file is accepted only if its size is within
 * the limit, its type is allowed and its content really is of that type (a renamed program is refused).
 */
@Service
class AttachmentService {

  /** The first bytes each allowed type must start with; text files must not contain NUL bytes. */
  private static final Map<String, byte[][]> MAGIC = Map.ofEntries(
      Map.entry("pdf", new byte[][] {{'%', 'P', 'D', 'F'}}),
      Map.entry("png", new byte[][] {{(byte) 0x89, 'P', 'N', 'G'}}),
      Map.entry("jpg", new byte[][] {{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}}),
      Map.entry("jpeg", new byte[][] {{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}}),
      Map.entry("docx", new byte[][] {{'P', 'K', 3, 4}}),
      Map.entry("xlsx", new byte[][] {{'P', 'K', 3, 4}}),
      Map.entry("zip", new byte[][] {{'P', 'K', 3, 4}}),
      Map.entry("ofd", new byte[][] {{'P', 'K', 3, 4}}),
      Map.entry("doc", new byte[][] {{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}}),
      Map.entry("xls", new byte[][] {{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}}),
      Map.entry("wps", new byte[][] {{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}, {'P', 'K', 3, 4}}),
      Map.entry("et", new byte[][] {{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}, {'P', 'K', 3, 4}}));
  private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
      Map.entry("pdf", "application/pdf"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"), Map.entry("txt", "text/plain; charset=UTF-8"),
      Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
      Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
      Map.entry("doc", "application/msword"), Map.entry("xls", "application/vnd.ms-excel"),
      Map.entry("zip", "application/zip"), Map.entry("ofd", "application/ofd"));

  private final JdbcTemplate jdbc;
  private final BureauClock clock;
  private final OrganisationService organisation;
  private final long maxBytes;
  private final List<String> allowedTypes;

  AttachmentService(JdbcTemplate jdbc, BureauClock clock, DubanProperties properties,
                    OrganisationService organisation) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.organisation = organisation;
    this.maxBytes = properties.attachments().maxSize().toBytes();
    this.allowedTypes = properties.attachments().allowedTypes().stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).toList();
  }

  /** The file's problem, or empty if it is acceptable. */
  Optional<String> problem(String fileName, byte[] content) {
    if (fileName == null || fileName.isBlank()) {
      return Optional.of("文件名不能为空");
    }
    if (PlainText.hasControlCharacters(fileName)) {
      return Optional.of("文件名含有不可见的控制字符（如 NUL），请改名后重新上传");
    }
    if (content.length == 0) {
      return Optional.of("文件是空的");
    }
    String type = extension(fileName);
    if (!allowedTypes.contains(type)) {
      return Optional.of("不允许上传「." + type + "」类型的文件，允许的类型：" + String.join("、", allowedTypes));
    }
    if ("txt".equals(type)) {
      for (byte b : content) {
        if (b == 0) {
          return Optional.of("文件内容不是文本");
        }
      }
      return Optional.empty();
    }
    byte[][] signatures = MAGIC.get(type);
    if (signatures != null && java.util.Arrays.stream(signatures).noneMatch(s -> startsWith(content, s))) {
      return Optional.of("文件内容与扩展名「." + type + "」不符");
    }
    return Optional.empty();
  }

  @Transactional
  AttachmentInfo store(String itemCode, String fileName, byte[] content, String uploadedBy) {
    if (content.length > maxBytes) {
      String tooLarge = "文件大小 " + megabytes(content.length) + " 超过上限 " + megabytes(maxBytes);
      throw new TooLargeException("附件未保存：" + tooLarge + "。", new FieldProblem("file", fileName, tooLarge));
    }
    problem(fileName, content).ifPresent(p -> {
      throw new InvalidInputException("附件未保存：" + p + "。", List.of(new FieldProblem("file", fileName, p)));
    });
    String name = fileName.replaceAll("[\\\\/]", "_").strip();
    String sha256 = Digests.sha256(content);
    String contentType = CONTENT_TYPES.getOrDefault(extension(name), "application/octet-stream");
    var now = clock.now();
    Long id = jdbc.queryForObject("insert into duban.attachment (item_code, file_name, content_type, size_bytes, sha256, "
        + "content, uploaded_by, uploaded_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning id", Long.class,
        itemCode, name, contentType, content.length, sha256, content, uploadedBy, Timestamp.from(now));
    return new AttachmentInfo(id, name, contentType, content.length, sha256, uploadedBy,
        organisation.personName(uploadedBy), now);
  }

  List<AttachmentInfo> list(String itemCode) {
    return jdbc.query("select id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at "
        + "from duban.attachment where item_code = ? order by uploaded_at, id", (rs, n) -> new AttachmentInfo(
        rs.getLong("id"), rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
        rs.getString("sha256"), rs.getString("uploaded_by"), organisation.personName(rs.getString("uploaded_by")),
        rs.getTimestamp("uploaded_at").toInstant()), itemCode);
  }

  Optional<AttachmentInfo> find(String itemCode, long id) {
    return list(itemCode).stream().filter(a -> a.id() == id).findFirst();
  }

  byte[] content(long id) {
    return jdbc.queryForObject("select content from duban.attachment where id = ?", byte[].class, id);
  }

  long maxBytes() {
    return maxBytes;
  }

  static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT).strip();
  }

  private static boolean startsWith(byte[] content, byte[] prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (content[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
  }
}
