-- 联系方式 (issue 14): where a person is reached besides duban's inbox and the e-mail address Camunda keeps.
-- Written only by cn.duban.organisation (ContactService); read by notifications through that service.
create table duban.person_contact (
  -- a Camunda user id; no foreign key: Camunda's identity tables belong to the engine
  user_id           varchar(64)  primary key,
  -- mainland mobile number, 11 digits (1[3-9]…); shown masked (138****1234) to anyone but admins and the person
  mobile            varchar(11)  check (mobile ~ '^1[3-9][0-9]{9}$'),
  -- the person's userid in 企业微信 / 政务微信 and in 钉钉 / 政务钉钉
  wecom_user_id     varchar(64),
  dingtalk_user_id  varchar(64),
  updated_at        timestamptz  not null,
  updated_by        varchar(64)  not null
);
