package cn.duban.item;

import java.io.IOException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.duban.system.security.DubanUser;
import cn.duban.system.web.InvalidInputException;

/** duban's own pages for items: the home page with the items one may see, and an item's page. */
@Controller
class ItemPagesController {

  private final ItemQueries items;
  private final ItemService commands;
  private final AttachmentService attachments;

  ItemPagesController(ItemQueries items, ItemService commands, AttachmentService attachments) {
    this.commands = commands;
    this.items = items;
    this.attachments = attachments;
  }

  @GetMapping("/")
  String home(@RequestParam(required = false) String status, @RequestParam(required = false) String light,
              @RequestParam(defaultValue = "0") int page, @AuthenticationPrincipal DubanUser user, Model model) {
    ItemStatus statusFilter = parse(ItemStatus.class, status);
    ItemLight lightFilter = parse(ItemLight.class, light);
    model.addAttribute("user", user);
    model.addAttribute("page", items.list(new ItemFilter(null, statusFilter, lightFilter, null, null,
        Math.max(page, 0), 50), user));
    model.addAttribute("statuses", ItemStatus.values());
    model.addAttribute("lights", ItemLight.values());
    model.addAttribute("status", statusFilter);
    model.addAttribute("light", lightFilter);
    return "home";
  }

  @GetMapping("/items/{code}")
  String item(@PathVariable String code, @AuthenticationPrincipal DubanUser user, Model model) {
    ItemDetail detail = items.detail(code, user);
    model.addAttribute("user", user);
    model.addAttribute("detail", detail);
    model.addAttribute("item", detail.item());
    model.addAttribute("canUpload", detail.item().status().isOpen() && !user.isAuditor()
        && (user.id().equals(detail.item().assignee()) || user.isOfficeOrAdmin()));
    model.addAttribute("maxUploadMb", attachments.maxBytes() / 1024 / 1024);
    model.addAttribute("maxUploadBytes", attachments.maxBytes());
    model.addAttribute("canWaive", user.isOfficeOrAdmin());
    return "item";
  }

  @PostMapping("/items/{code}/attachments")
  String upload(@PathVariable String code, @RequestParam("file") MultipartFile file,
                @AuthenticationPrincipal DubanUser user, RedirectAttributes redirect) throws IOException {
    ItemRow item = items.visible(code, user);
    if (!user.id().equals(item.assignee()) && !user.isOfficeOrAdmin()) {
      redirect.addFlashAttribute("error", "只有承办人和督查室可以上传佐证材料。");
    } else if (!item.status().isOpen()) {
      redirect.addFlashAttribute("error", "事项已销号，不能再上传材料。");
    } else {
      try {
        attachments.store(code, file.getOriginalFilename(), file.getBytes(), user.id());
        redirect.addFlashAttribute("message", "已上传：" + file.getOriginalFilename());
      } catch (InvalidInputException e) {
        redirect.addFlashAttribute("error", e.getMessage());
      }
    }
    return "redirect:/items/" + code;
  }

  @PostMapping("/items/{code}/co-units/{unitId}/waive")
  String waive(@PathVariable String code, @PathVariable String unitId, @RequestParam String reason,
               @AuthenticationPrincipal DubanUser user, RedirectAttributes redirect) {
    try {
      commands.waiveCoUnit(code, unitId, reason, user);
      redirect.addFlashAttribute("message", "已豁免协办部门。");
    } catch (RuntimeException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/items/" + code;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
