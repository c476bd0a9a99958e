/* Start the NHS.UK frontend's components (header menu, radios, details, skip link). A module file, not an
   inline script, because the Content-Security-Policy allows scripts from this origin only. */
import { initAll } from "../vendor/nhsuk/nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
