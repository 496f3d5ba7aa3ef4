/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

export default {
  // duban: the page title and header read "督办 · 系统管理" (vendor + ' ' + name)
  app: {
    name: '系统管理',
    vendor: '督办 ·'
  },
  // duban inside the webapps (../duban/webapps.js): signing out leads to duban's login page, a link back to duban
  customScripts: ['../duban/webapps'],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `admin` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // 'runtimeActivityInstanceMetrics': {
  //   'display': true
  // },
  // 'historicActivityInstanceMetrics': {
  //   'adjustablePeriod': true,
  //   'period': {
  //     'unit': 'day'
  //   }
  // },
  // Chinese (zh) for everyone: the webapps pick the browser's first language
  // (navigator.languages[0], e.g. 'en-US' -> 'en') if it is listed in
  // availableLocales, otherwise fallbackLocale. There is no language switch in
  // the UI, so 'en' is deliberately NOT listed: with 'en' listed, browsers set
  // to English would get English. To re-enable English add 'en' after 'zh'.
  locales: {
    availableLocales: ['zh'],
    fallbackLocale: 'zh'
  },
  // Note: the red 'It is time to migrate to Camunda 8' banner (.ce-eol-banner in
  // the header) has no config.js option in 7.24 (isCommunityEdition is hard-coded
  // to true in the bundle); duban hides it in ../duban/webapps.css (styles/user-styles.css).
  // (Admin reads no dateFormat option; dates use 'LLL' from
  // dateLocales.longDateFormat in locales/zh.json.)
  // csrfCookieName: 'XSRF-TOKEN',
  // duban: no "first login" probe of /camunda-welcome (a Camunda Run page); behind duban's login it would
  // leave the sign-in form waiting after a logout
  disableWelcomeMessage: true,
  // userOperationLogAnnotationLength: 4000
};
