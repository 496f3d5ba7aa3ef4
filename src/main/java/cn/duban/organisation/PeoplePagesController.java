package cn.duban.organisation;

import java.io.IOException;
import java.util.List;
import java.util.Map;

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

/** The admins' page of people's contacts (/admin/** is admin-only): one by one, or a sheet at once. */
@Controller
class PeoplePagesController {

  private final ContactService contacts;
  private final OrganisationService organisation;

  PeoplePagesController(ContactService contacts, OrganisationService organisation) {
    this.contacts = contacts;
    this.organisation = organisation;
  }

  static List<ContactController.PersonWithContacts> people(OrganisationService organisation,
                                                           Map<String, PersonContacts> contacts) {
    return organisation.people().stream().map(p -> {
      PersonContacts c = contacts.getOrDefault(p.id(), PersonContacts.none(p.id()));
      return new ContactController.PersonWithContacts(p.id(), p.name(), p.email(), c.mobile(), c.wecomUserId(),
          c.dingtalkUserId());
    }).toList();
  }

  @GetMapping("/admin/people")
  String page(@AuthenticationPrincipal DubanUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("people", people(organisation, contacts.all()));
    return "people";
  }

  @PostMapping("/admin/people/{id}/contacts")
  String set(@PathVariable String id, @RequestParam(required = false) String mobile,
             @RequestParam(required = false) String wecomUserId, @RequestParam(required = false) String dingtalkUserId,
             @AuthenticationPrincipal DubanUser user, RedirectAttributes redirect) {
    try {
      contacts.set(id, new ContactService.ContactsUpdate(mobile, wecomUserId, dingtalkUserId), user);
      redirect.addFlashAttribute("message", "已保存「" + organisation.personName(id) + "」的联系方式。");
    } catch (InvalidInputException e) {
      redirect.addFlashAttribute("problems", e.problems().stream().map(p -> p.message()).toList());
    }
    return "redirect:/admin/people";
  }

  @PostMapping("/admin/people/contacts/import")
  String importSheet(@RequestParam("file") MultipartFile file, @AuthenticationPrincipal DubanUser user,
                     RedirectAttributes redirect) throws IOException {
    try {
      int imported = contacts.importSheet(file.getBytes(), file.getOriginalFilename(), user);
      redirect.addFlashAttribute("message", "已导入 " + imported + " 人的联系方式。");
    } catch (InvalidInputException e) {
      redirect.addFlashAttribute("problems", e.problems().stream().map(p -> p.message()).toList());
    }
    return "redirect:/admin/people";
  }
}
