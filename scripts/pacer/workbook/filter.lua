-- Pandoc filter for the workbook's documents (scripts/pacer/workbook/documents.py).
-- Template text comes from pull requests: a link in a .docx, .odt or PDF opens without the
-- browser's protections, so only https links stay links; any other link (file:, javascript:,
-- http:, a relative path) becomes its plain text.
function Link(link)
  if link.target:match("^https://") then
    return link
  end
  return link.content
end

-- Images are not part of a template (a path could read a file from the computer that builds it).
function Image(image)
  return image.caption
end
