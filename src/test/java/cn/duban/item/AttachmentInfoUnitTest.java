package cn.duban.item;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An evidence file's size as people read it on the item page: never "0 KB" for a small file. */
class AttachmentInfoUnitTest {

  @Test
  void showsSmallFilesInBytesAndLargerOnesInKilobytesOrMegabytes() {
    assertThat(AttachmentInfo.sizeText(19)).isEqualTo("19 字节");
    assertThat(AttachmentInfo.sizeText(1023)).isEqualTo("1023 字节");
    assertThat(AttachmentInfo.sizeText(1024)).isEqualTo("1 KB");
    assertThat(AttachmentInfo.sizeText(1536)).isEqualTo("1.5 KB");
    assertThat(AttachmentInfo.sizeText(312 * 1024 + 400)).isEqualTo("312 KB");
    assertThat(AttachmentInfo.sizeText(20L * 1024 * 1024)).isEqualTo("20 MB");
    assertThat(AttachmentInfo.sizeText(4_718_592 + 10_000)).isEqualTo("4.5 MB");
  }
}
