package cn.duban.lists;

import java.io.IOException;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.duban.item.escalation.EscalationPolicy;
import cn.duban.item.escalation.EscalationThresholds;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.ConflictException;
import cn.duban.system.web.Idempotency;
import cn.duban.system.web.InvalidInputException;

/** duban's pages for task lists: all lists, and one list with its items and figures. */
@Controller
class ListPagesController {

  private final ListService lists;
  private final ListImport imports;
  private final EscalationPolicy escalation;

  ListPagesController(ListService lists, ListImport imports, EscalationPolicy escalation) {
    this.lists = lists;
    this.imports = imports;
    this.escalation = escalation;
  }

  /** The file picker of the lists page: check (dry run) or issue; every problem is shown in a table. */
  @PostMapping("/lists/import")
  String importList(@RequestParam("file") MultipartFile file, @RequestParam(required = false) String name,
                    @RequestParam(required = false) String source, @RequestParam(required = false) String issuedBy,
                    @RequestParam(defaultValue = "false") boolean dryRun,
                    @RequestParam(defaultValue = "false") boolean allowPastDeadlines,
                    @RequestParam(required = false) Integer remindWorkingDaysBefore,
                    @RequestParam(required = false) Integer superviseWorkingDaysAfter,
                    @RequestParam(required = false) Integer bulletinWorkingDaysAfter,
                    @RequestParam(name = Idempotency.FORM_FIELD, required = false) String idempotencyKey,
                    @AuthenticationPrincipal DubanUser user, Model model, RedirectAttributes redirect) throws IOException {
    var form = new ListImport.Request(name, issuedBy, source, dryRun, allowPastDeadlines,
        new EscalationThresholds(remindWorkingDaysBefore, superviseWorkingDaysAfter, bulletinWorkingDaysAfter));
    try {
      // the form's key: a double click, or the browser sending the form again, imports the list once
      var result = imports.importFileOnce(idempotencyKey, file.getBytes(), file.getOriginalFilename(), form, user)
          .result();
      if (!dryRun) {
        redirect.addFlashAttribute("message", result.summary());
        return "redirect:/lists/" + result.listCode();
      }
      model.addAttribute("result", result);
    } catch (ListImport.Refused refused) {
      model.addAttribute("refused", refused.check());
    } catch (InvalidInputException | ConflictException e) {
      model.addAttribute("error", e.getMessage());
    }
    model.addAttribute("form", form);
    return lists(user, model);
  }

  @GetMapping("/lists")
  String lists(@AuthenticationPrincipal DubanUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("lists", lists.all());
    model.addAttribute("canImport", user.isOfficeOrAdmin());
    model.addAttribute("escalationDefaults", escalation.defaults());
    // one key per rendering of the import form (Idempotency)
    model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
    model.addAttribute("maxFileBytes", ListFileReader.MAX_BYTES);
    return "lists";
  }

  @GetMapping("/lists/{code}")
  String list(@PathVariable String code, @AuthenticationPrincipal DubanUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("summary", lists.summary(code, user));
    return "list";
  }
}
