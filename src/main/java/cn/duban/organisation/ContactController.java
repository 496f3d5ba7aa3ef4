package cn.duban.organisation;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.duban.system.security.DubanUser;
import cn.duban.system.web.NotFoundException;

/**
 * People's contacts as JSON. Setting and importing is for admins (/api/admin/** is theirs only); anyone signed in
 * may read a person's contacts, with the mobile number masked unless they are an admin or that person.
 */
@RestController
@RequestMapping("/api")
class ContactController {

  private final ContactService contacts;
  private final OrganisationService organisation;

  ContactController(ContactService contacts, OrganisationService organisation) {
    this.contacts = contacts;
    this.organisation = organisation;
  }

  /** A person with their contacts, as the admins' page lists them. */
  record PersonWithContacts(String id, String name, String email, String mobile, String wecomUserId,
                            String dingtalkUserId) {
  }

  @GetMapping("/admin/people")
  List<PersonWithContacts> people() {
    Map<String, PersonContacts> all = contacts.all();
    return PeoplePagesController.people(organisation, all);
  }

  @GetMapping("/admin/people/{id}/contacts")
  PersonContacts adminContacts(@PathVariable String id, @AuthenticationPrincipal DubanUser user) {
    return contactsFor(id, user);
  }

  @PutMapping("/admin/people/{id}/contacts")
  PersonContacts set(@PathVariable String id, @RequestBody ContactService.ContactsUpdate update,
                     @AuthenticationPrincipal DubanUser user) {
    return contacts.set(id, update, user);
  }

  /** Imports a sheet of contacts (.xlsx or .csv); 422 with every problem and nothing written. */
  @PostMapping(path = "/admin/people/contacts/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Map<String, Integer> importSheet(@RequestPart("file") MultipartFile file, @AuthenticationPrincipal DubanUser user)
      throws IOException {
    return Map.of("imported", contacts.importSheet(file.getBytes(), file.getOriginalFilename(), user));
  }

  @GetMapping("/people/{id}/contacts")
  PersonContacts contacts(@PathVariable String id, @AuthenticationPrincipal DubanUser user) {
    return contactsFor(id, user);
  }

  @GetMapping("/me/contacts")
  PersonContacts mine(@AuthenticationPrincipal DubanUser user) {
    return contacts.contacts(user.id());
  }

  private PersonContacts contactsFor(String id, DubanUser viewer) {
    if (!organisation.userExists(id)) {
      throw new NotFoundException("用户「" + id + "」不存在。");
    }
    return contacts.contactsFor(id, viewer);
  }
}
