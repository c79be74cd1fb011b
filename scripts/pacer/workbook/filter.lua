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

-- Fill-in tables: a column whose body cells are all empty is where the reader writes. Such
-- columns share 60% of the page width and the other columns 40%, so there is room to write;
-- a table whose columns are all empty gets equal columns. Other tables keep their widths.
ANSWER_SHARE = 0.6

function Table(tbl)
  local count = #tbl.colspecs
  local empty, rows = {}, 0
  for i = 1, count do
    empty[i] = true
  end
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      rows = rows + 1
      for i, cell in ipairs(row.cells) do
        if i <= count and pandoc.utils.stringify(cell.contents):match("%S") then
          empty[i] = false
        end
      end
    end
  end
  local answers = 0
  for i = 1, count do
    if empty[i] then
      answers = answers + 1
    end
  end
  if rows == 0 or answers == 0 then
    return nil
  end
  for i = 1, count do
    local width
    if answers == count then
      width = 1 / count
    elseif empty[i] then
      width = ANSWER_SHARE / answers
    else
      width = (1 - ANSWER_SHARE) / (count - answers)
    end
    tbl.colspecs[i] = {tbl.colspecs[i][1], width}
  end
  return tbl
end
