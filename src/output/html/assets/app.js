// dongne: the page works without this script; it only saves a click.
// A select marked data-autosubmit sends its form as soon as a choice is made.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target && target.hasAttribute && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});
