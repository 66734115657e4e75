"""What every check family reads the same way: visibility, text content, accessible names.

- `visibility`: whether an element is rendered, and whether it is exposed to assistive
  technologies (one rule, that of the accessible-name computation);
- `text`: an element's text content as assistive technologies get it;
- `names`: roles, aria-labelledby texts, accessible names.
"""
