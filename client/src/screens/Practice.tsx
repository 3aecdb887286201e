// Placeholder: replaced by the screen itself.
export default function Practice() {
  return <div class="card narrow">Practice</div>;
}
