package cn.duban.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PersonContactsUnitTest {

  @Test
  void numbersAreMaskedWhereverTheyAppear() {
    assertThat(PersonContacts.maskMobile("13812341234")).isEqualTo("138****1234");
    assertThat(PersonContacts.maskMobile("12345")).isEqualTo("****");
    assertThat(PersonContacts.maskMobiles("非法手机号 13812341234，请核对；订单号 213812341234 不变"))
        .isEqualTo("非法手机号 138****1234，请核对；订单号 213812341234 不变");
    assertThat(new PersonContacts("a", "13912345678", "a.wx", null).masked().mobile()).isEqualTo("139****5678");
  }

  @Test
  void typedNumbersLoseTheirDecoration() {
    assertThat(ContactService.mobile("+86 138-1234-1234")).isEqualTo("13812341234");
    assertThat(ContactService.mobile("8613812341234")).isEqualTo("13812341234");
    assertThat(ContactService.mobile("（138）1234 1234")).isEqualTo("13812341234");
    assertThat(ContactService.mobile("  ")).isNull();
  }

  @Test
  void aCsvSheetIsReadWithQuotesAndEitherEncoding() {
    String text = "用户名,手机号,企业微信\r\n\"li, hui\",\"138\"\"1\",lh\n";
    assertThat(ContactSheet.csv(text)).containsExactly(List.of("用户名", "手机号", "企业微信"),
        List.of("li, hui", "138\"1", "lh"));
    byte[] gbk = "用户名,手机号\nlihui,13800138000\n".getBytes(java.nio.charset.Charset.forName("GB18030"));
    assertThat(ContactSheet.decode(gbk)).startsWith("用户名,手机号");
  }
}
